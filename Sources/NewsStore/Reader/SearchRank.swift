import GRDB
import GRDBSQLite

/// `herald_rank(article_search, w0, w1, …)`: an FTS5 ranking function, BM25 without its inverse
/// document frequency, higher is better.
///
/// Every result of a search holds every term (the query is an AND), so the inverse document
/// frequency only weighs the terms against one another, and FTS5's own `bm25()` computes it by
/// reading the whole list of rows of each term once a query: ~20 ms for a word in 400,000
/// articles, which made a common word's search slow at a million articles. Here a row's score
/// reads only that row: for each column, the weight times the saturated count of the query's
/// words in it (each word saturating on its own), shorter columns counting more (k1 = 1.2, b = 0.75, as bm25).
enum SearchRank {
    static let name = "herald_rank"
    static let k1 = 1.2, b = 0.75

    /// Registers the function on a connection (every connection that searches needs it).
    static func register(_ db: Database) throws {
        guard let api = try fts5API(db) else {
            throw StoreError(.statementFailed, "store: this SQLite has no FTS5")
        }
        let status = api.pointee.xCreateFunction(api, name, nil, rank, nil)
        guard status == SQLITE_OK else {
            throw StoreError(.statementFailed, "store: registering \(name) failed (\(status))")
        }
    }

    /// The FTS5 extension interface of a connection, the documented way: `SELECT fts5(?)` with a
    /// pointer bound under the type "fts5_api_ptr".
    static func fts5API(_ db: Database) throws -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db.sqliteConnection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        let type: StaticString = "fts5_api_ptr"
        withUnsafeMutablePointer(to: &api) { pointer in
            type.withUTF8Buffer { name in
                name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count + 1) { cName in
                    _ = sqlite3_bind_pointer(statement, 1, pointer, cName, nil)
                    _ = sqlite3_step(statement)
                }
            }
        }
        return api
    }

    /// Column weights beyond the arguments given are 1; a column of weight 0 is not scored.
    static let rank: fts5_extension_function = { api, fts, context, argumentCount, arguments in
        guard let api = api?.pointee, let fts else { return sqlite3_result_null(context) }
        let columns = Int(api.xColumnCount(fts)), phrases = Int(api.xPhraseCount(fts))
        var instances: Int32 = 0
        guard api.xInstCount(fts, &instances) == SQLITE_OK else { return sqlite3_result_error_code(context, SQLITE_ERROR) }
        // Hits of each phrase (a query's terms) in each column.
        var hits = [Double](repeating: 0, count: columns * phrases)
        for index in 0..<instances {
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            guard api.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK,
                  (0..<columns).contains(Int(column)), (0..<phrases).contains(Int(phrase)) else { continue }
            hits[Int(phrase) * columns + Int(column)] += 1
        }
        var rows: sqlite3_int64 = 0
        _ = api.xRowCount(fts, &rows)
        var score = 0.0
        for column in 0..<columns {
            let weight = column < Int(argumentCount) ? sqlite3_value_double(arguments![column]) : 1
            guard weight > 0 else { continue }
            var size: Int32 = 0, total: sqlite3_int64 = 0
            _ = api.xColumnSize(fts, Int32(column), &size)
            _ = api.xColumnTotalSize(fts, Int32(column), &total)
            let average = rows > 0 && total > 0 ? Double(total) / Double(rows) : 1
            let norm = k1 * (1 - b + b * Double(size) / average)
            for phrase in 0..<phrases {
                let tf = hits[phrase * columns + column]
                if tf > 0 { score += weight * tf * (k1 + 1) / (tf + norm) }
            }
        }
        sqlite3_result_double(context, score)
    }
}
