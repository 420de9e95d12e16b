import HeraldSupport
/// The `page` query parameter of list pages, parsed strictly.
public enum PageNumber {
    /// The page for the values of every `page` parameter in a query: none → 1; exactly one value
    /// of 1–6 digits without a leading zero → that page; anything else (`0`, `-1`, `1e2`, `0x10`,
    /// `01`, repeated parameters, 10 KB strings) → nil, answered with 400.
    public static func parse(_ values: [String]) -> Int? {
        guard let text = values.first else { return 1 }
        guard values.count == 1, (1...6).contains(text.utf8.count), text.utf8.first != UInt8(ascii: "0"),
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let page = Int(text) else { return nil }
        return page
    }
}
