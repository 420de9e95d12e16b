import HTTPServer
import HeraldCrypto
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /users` (admins): every account.
    func userIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try userIndexWith(request, notice: nil)
    }

    /// `GET /users/new` (admins).
    func userNew(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        page(NewsroomPages.userForm(chrome(request, strings.newUser), userForm(nil, name: "", displayName: "", role: .author,
                                                                                editions: [], disabled: false, errors: [:])))
    }

    /// `GET /users/:id` (admins).
    func userEdit(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = try account(parameters)
        return page(NewsroomPages.userForm(chrome(request, user.name), userForm(user.id, name: user.name, displayName: user.displayName,
                                                                                 role: user.role, editions: user.editions,
                                                                                 disabled: user.disabled, errors: [:])))
    }

    /// `POST /users` (admins): a new account; a password is generated and shown once when none is given.
    func userCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let name = (form.value("name") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let displayName = form.value("display_name") ?? ""
        let role = Role(rawValue: form.value("role") ?? "") ?? .author
        let editions = Set(form.values("editions"))
        let typed = form.value("password") ?? ""
        func refuse(_ errors: [String: String]) -> Response {
            page(NewsroomPages.userForm(chrome(request, strings.newUser, notice: strings.errorsBelow, error: true),
                                        userForm(nil, name: name, displayName: displayName, role: role, editions: editions,
                                                 disabled: false, errors: errors)), status: 422)
        }
        if !typed.isEmpty, let problem = PasswordHasher.problem(with: typed) { return refuse(["password": problem]) }
        let password = typed.isEmpty ? Tokens.password() : typed
        do {
            let user = try users.add(name: name, displayName: displayName, role: role, editions: editions,
                                     passwordHash: try hasher.hash(password), by: actor(request))
            let notice = typed.isEmpty ? strings.userCreated(user.name, password) : strings.userSaved
            return try userIndexWith(request, notice: notice)
        } catch AccountError.invalid(let field, let message) {
            return refuse([field == "editions" ? "editions" : field: message])
        }
    }

    /// `POST /users/:id` (admins): display name, role, editions, disabled, and a new password when given.
    func userUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = try account(parameters)
        let form = request.form ?? FormData()
        let role = Role(rawValue: form.value("role") ?? "") ?? user.role
        let editions = Set(form.values("editions"))
        let disabled = form.value("disabled") == "1"
        let displayName = form.value("display_name") ?? user.displayName
        let typed = form.value("password") ?? ""
        func refuse(_ errors: [String: String]) -> Response {
            page(NewsroomPages.userForm(chrome(request, user.name, notice: strings.errorsBelow, error: true),
                                        userForm(user.id, name: user.name, displayName: displayName, role: role, editions: editions,
                                                 disabled: disabled, errors: errors)), status: 422)
        }
        if !typed.isEmpty, let problem = PasswordHasher.problem(with: typed) { return refuse(["password": problem]) }
        if user.id == session(request).user.id && (disabled || role != .admin) {
            return refuse(["role": strings.forbidden])
        }
        do {
            try users.update(id: user.id, displayName: displayName, role: role, editions: editions, disabled: disabled, by: actor(request))
            if !typed.isEmpty { try users.setPassword(id: user.id, hash: try hasher.hash(typed), by: actor(request)) }
        } catch AccountError.invalid(let field, let message) {
            return refuse([field: message])
        }
        return redirect("/users", notice: "user-saved")
    }

    private func userIndexWith(_ request: Request, notice: String?) throws -> Response {
        let rows = try users.all().map { user in
            UserRowView(href: "/users/\(user.id)", name: user.name, displayName: user.displayName, role: strings.roleName(user.role),
                        editions: user.role == .admin ? strings.allEditions : user.editions.sorted().joined(separator: ", "),
                        disabled: user.disabled)
        }
        return page(NewsroomPages.users(chrome(request, strings.usersTitle, notice: notice), rows))
    }

    private func account(_ parameters: RouteParameters) throws -> User {
        guard let id = parameters["id"].flatMap({ Int64($0) }), let user = try users.user(id: id) else {
            throw HTTPError.notFound(strings.notFound)
        }
        return user
    }

    private func userForm(_ id: Int64?, name: String, displayName: String, role: Role, editions: Set<String>, disabled: Bool,
                          errors: [String: String]) -> UserFormView {
        UserFormView(userID: id, name: name, displayName: displayName,
                     roles: Role.allCases.map { Choice(value: $0.rawValue, label: strings.roleName($0), selected: $0 == role) },
                     editions: reader.snapshotForNewsroom.editions.map {
                         Choice(value: $0.edition.code, label: "\($0.edition.name) (\($0.edition.code))", selected: editions.contains($0.edition.code))
                     },
                     disabled: disabled, errors: errors)
    }
}
