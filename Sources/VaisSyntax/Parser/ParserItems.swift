extension Parser {
    private struct Attributes {
        var isHot = false
        var isExtern = false
        var contracts: [Contract] = []
        /// `#[contract]` or `#[contract(safe_div)]`: where it was written.
        var divisorChecks: SourceSpan?
        var firstSpan: SourceSpan?
    }

    mutating func parseItems() {
        while kind != .endOfFile {
            let before = index
            // A `;` after an item (`use std/vec.{vec_new};`) ends nothing more.
            if accept(.semicolon) { continue }
            parseItem()
            if index == before { synchronizeItem() }
        }
    }

    private mutating func parseItem() {
        recovering = false
        let attributes = parseAttributes()
        // `pub` (or `P`): everything in a program is visible to it already.
        if kind == .identifier, spells(current, "pub") || spells(current, "P"), Self.startsItem(peekKind()) || isAliasStart(1) {
            advance()
        }
        // `partial F`: a function that may stop the program (an assertion); all may.
        if kind == .identifier, spells(current, "partial"), peekKind() == .kwFn {
            advance()
        }
        if isAliasStart(0) {
            parseTypeAlias()
            return
        }
        if skipUnsupportedItem() { return }
        switch kind {
        case .kwFn:
            var contracts = attributes.contracts
            let firstExpression = tree.exprs.count
            if let function = parseFunction(isHot: attributes.isHot, isExtern: attributes.isExtern, contracts: &contracts) {
                if let span = attributes.divisorChecks {
                    contracts += divisorContracts(firstExpression..<tree.exprs.count, parameters: function.parameters, at: span)
                }
                // Most functions have no contracts: added as they are, without an array of one.
                if contracts.isEmpty {
                    tree.add(item: .function(function), file: file.id)
                } else {
                    for checked in applyContracts(contracts, to: function) { tree.add(item: .function(checked), file: file.id) }
                }
            }
            return
        case .endOfFile:
            if let span = attributes.firstSpan {
                diagnostics.error("P013", "attribute is not followed by an item", at: span)
            }
            return
        default:
            break
        }
        if attributes.isHot || attributes.isExtern || !attributes.contracts.isEmpty || attributes.divisorChecks != nil,
           let span = attributes.firstSpan {
            diagnostics.error("P015", "this attribute applies only to functions", at: span)
        }
        switch kind {
        case .kwStruct: parseStruct()
        case .kwEnum, .kwElseOrEnum: parseEnum()
        case .kwGlobal: parseGlobal(isConstant: false)
        case .kwContinueOrConst, .kwConst: parseGlobal(isConstant: true)
        case .kwUse: parseImport()
        case .kwExtern where peekKind() == .kwFn, .kwImpl where peekKind() == .kwFn:
            // `N F malloc(size: i64) -> i64` (the older code's `X F ...`):
            // one C function, no block.
            advance()
            if let function = parseFunction(isHot: false, isExtern: true) {
                tree.add(item: .function(function), file: file.id)
            }
        case .kwExtern: parseExternBlock()
        case .kwImpl: parseImpl()
        case .kwTrait: parseTrait()
        case .identifier where peekKind() == .identifier && spells(current, "W"): parseTrait()
        default:
            errorExpected("an item (F, S, E, G, C, U, N, X)", code: "P013")
            synchronizeItem()
        }
    }

    private mutating func parseAttributes() -> Attributes {
        var attributes = Attributes()
        while kind == .hashBracket || kind == .atBracket {
            let isAt = kind == .atBracket
            advance()
            let nameToken = current
            guard kind == .identifier || kind == .kwExtern else {
                errorExpected("an attribute name")
                skipPast(.rBracket)
                continue
            }
            advance()
            let name = spelledName(nameToken)
            if attributes.firstSpan == nil { attributes.firstSpan = name.span }
            switch (isAt, name.text) {
            case (false, "hot"):
                attributes.isHot = true
            case (true, "extern"):
                if kind == .string { advance() }
                attributes.isExtern = true
            case (false, "contract"):
                let kind = accept(.lParen) ? expectIdentifier("a contract kind") : nil
                if kind != nil { _ = expect(.rParen) }
                if let kind, kind.text != "safe_div" {
                    reportUnsupported("the contract kind `\(kind.text)` (only `safe_div`)", at: kind.span)
                } else {
                    attributes.divisorChecks = name.span
                }
            case (false, "requires"), (false, "ensures"):
                if let contract = parseContract(isEnsures: name.text == "ensures", keyword: name) {
                    attributes.contracts.append(contract)
                }
            case (false, let other) where Self.isTargetAttribute(other):
                reportUnsupported("the attribute `\(other)`", at: name.span)
                skipPast(.rBracket)
                continue
            default:
                diagnostics.error("P015", "unknown attribute '\(text(of: nameToken))'", at: name.span)
            }
            if !accept(.rBracket) {
                errorExpected("']'")
                skipPast(.rBracket)
            }
        }
        return attributes
    }

    private mutating func skipPast(_ target: TokenKind) {
        while kind != .endOfFile, !current.newlineBefore || kind == target {
            if advance().kind == target { return }
        }
    }

    /// A function that cannot take contracts (an extern, a trait's or a
    /// struct body's method): a refinement type on it is P018.
    mutating func parseFunction(isHot: Bool, isExtern: Bool, insideExternBlock: Bool = false) -> FunctionDecl? {
        var contracts: [Contract] = []
        let function = parseFunction(isHot: isHot, isExtern: isExtern, insideExternBlock: insideExternBlock, contracts: &contracts)
        if let first = contracts.first {
            reportUnsupported("refinement types on this function (only on functions and `X` methods)", at: first.span)
        }
        return function
    }

    /// A function; refinement types of its parameters and result are
    /// added to `contracts`.
    mutating func parseFunction(isHot: Bool, isExtern: Bool, insideExternBlock: Bool = false, contracts: inout [Contract]) -> FunctionDecl? {
        let start = current.start
        advance()
        guard let name = expectIdentifier("a function name") else {
            synchronizeItem()
            return nil
        }
        var (genericParameters, genericBounds) = parseBoundedGenericParameters()
        guard expect(.lParen) else {
            synchronizeItem()
            return nil
        }
        var selfParameter: (SelfParameter, SourceSpan)?
        var parameters: [Parameter] = []
        var isVariadic = false
        while kind != .rParen, kind != .endOfFile {
            let before = index
            if kind == .ellipsis {
                isVariadic = true
                advance()
            } else if let receiver = parseSelfParameter() {
                selfParameter = receiver
            } else if let name = expectIdentifier("a parameter name") {
                if kind == .comma || kind == .rParen {
                    reportUnsupported("parameters without a type (`F f(a, b)`)", at: name.span)
                } else if expect(.colon) {
                    // Room for four at the first saves regrowing the list
                    // at the second and third.
                    if parameters.isEmpty { parameters.reserveCapacity(4) }
                    parameters.append(Parameter(name: name, type: parseRefinableType()))
                    for refinement in pendingRefinements {
                        contracts.append(refinementContract(refinement, subject: name.text, isEnsures: false))
                    }
                    pendingRefinements = []
                }
            }
            if !accept(.comma) { break }
            if index == before { advance() }
        }
        guard expect(.rParen) else {
            synchronizeItem()
            return nil
        }
        var returnType: TypeSyntax?
        // `F f(): i64` is an older spelling of `F f() -> i64`.
        if accept(.arrow) || accept(.colon) {
            returnType = parseRefinableType()
            for refinement in pendingRefinements {
                contracts.append(refinementContract(refinement, subject: Self.contractResultName, isEnsures: true))
            }
            pendingRefinements = []
        }
        parseWhereClause(genericParameters, &genericBounds)
        let body: FunctionBody
        if kind == .lBrace {
            body = .block(parseBlock())
        } else if kind == .equal {
            advance()
            body = .expression(parseExpression())
        } else if isExtern || insideExternBlock {
            _ = accept(.semicolon)
            body = .external
        } else {
            errorExpected("'{' or '=' to begin the body of '\(name.text)'")
            synchronizeItem()
            return nil
        }
        return FunctionDecl(name: name, selfParameter: selfParameter, parameters: parameters, isVariadic: isVariadic,
                            returnType: returnType, body: body, isHot: isHot, span: span(from: start),
                            genericParameters: genericParameters, genericBounds: genericBounds)
    }

    private mutating func parseRefinableType() -> TypeSyntax {
        allowsRefinements = true
        defer { allowsRefinements = false }
        return parseType()
    }

    private mutating func parseSelfParameter() -> (SelfParameter, SourceSpan)? {
        let start = current.start
        if kind == .kwSelf {
            advance()
            return (.value, span(from: start))
        }
        if kind == .amp, peekKind() == .kwSelf {
            advance(); advance()
            return (.reference, span(from: start))
        }
        if kind == .amp, peekKind() == .kwMut, peekKind(2) == .kwSelf {
            advance(); advance(); advance()
            return (.mutableReference, span(from: start))
        }
        return nil
    }

    private mutating func parseStruct() {
        advance()
        guard let name = expectIdentifier("a struct name") else {
            synchronizeItem()
            return
        }
        var (genericParameters, genericBounds) = parseBoundedGenericParameters()
        parseWhereClause(genericParameters, &genericBounds)
        guard expect(.lBrace) else {
            synchronizeItem()
            return
        }
        var fields: [FieldDecl] = []
        var methods: [FunctionDecl] = []
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            // Methods may follow the fields, as in an `X` block of their own.
            if kind == .kwFn {
                if let method = parseFunction(isHot: false, isExtern: false) { methods.append(method) }
                continue
            }
            if let fieldName = expectIdentifier("a field name"), expect(.colon) {
                fields.append(FieldDecl(name: fieldName, type: parseType()))
            }
            if !accept(.comma), !accept(.semicolon), kind != .rBrace, !current.newlineBefore {
                errorExpected("',' or '}'")
                synchronizeStatement()
            }
            if index == before { advance() }
        }
        _ = expect(.rBrace)
        tree.add(item: .structure(StructDecl(name: name, fields: fields, genericParameters: genericParameters,
                                             genericBounds: genericBounds)), file: file.id)
        if !methods.isEmpty {
            tree.add(item: .implementation(ImplDecl(typeName: name, methods: methods, genericParameters: genericParameters,
                                                    genericBounds: genericBounds)), file: file.id)
        }
    }

    private mutating func parseEnum() {
        advance()
        guard let name = expectIdentifier("an enum name") else {
            synchronizeItem()
            return
        }
        var (genericParameters, genericBounds) = parseBoundedGenericParameters()
        parseWhereClause(genericParameters, &genericBounds)
        guard expect(.lBrace) else {
            synchronizeItem()
            return
        }
        var variants: [VariantDecl] = []
        // Room for four saves regrowing the list at the second and third.
        if kind != .rBrace { variants.reserveCapacity(4) }
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            if let variantName = expectIdentifier("a variant name") {
                var payload: [TypeSyntax] = []
                if accept(.lParen) {
                    while kind != .rParen, kind != .endOfFile {
                        let typeStart = index
                        payload.append(parseType())
                        if !accept(.comma) || index == typeStart { break }
                    }
                    _ = expect(.rParen)
                }
                skipFieldsVariant()
                variants.append(VariantDecl(name: variantName, payload: payload))
            }
            if !accept(.comma), kind != .rBrace, !current.newlineBefore {
                errorExpected("',' or '}'")
                synchronizeStatement()
            }
            if index == before { advance() }
        }
        _ = expect(.rBrace)
        tree.add(item: .enumeration(EnumDecl(name: name, variants: variants, genericParameters: genericParameters,
                                                         genericBounds: genericBounds)), file: file.id)
    }

    private mutating func parseGlobal(isConstant: Bool) {
        advance()
        guard let name = expectIdentifier(isConstant ? "a constant name" : "a global name") else {
            synchronizeItem()
            return
        }
        var type: TypeSyntax?
        if accept(.colon) {
            type = parseType()
            guard accept(.equal) || accept(.colonEqual) else {
                errorExpected("'='")
                synchronizeItem()
                return
            }
        } else if !expect(.colonEqual, "':' or ':='") {
            synchronizeItem()
            return
        }
        let value = parseExpression()
        tree.add(item: .global(GlobalDecl(name: name, type: type, value: value, isConstant: isConstant)), file: file.id)
    }

    private mutating func parseImport() {
        advance()
        let start = current.start
        var path = ""
        while kind == .identifier || kind == .dot || kind == .dotDot || kind == .slash || kind == .colonColon
                || (kind.isKeyword && !path.isEmpty) {
            if path.isEmpty == false, current.newlineBefore { break }
            if kind == .dot, peekKind() == .lBrace {
                path += text(of: advance())
                break
            }
            // `U std::io` spells the same path as `U std/io`.
            path += advance().kind == .colonColon ? "/" : text(of: tokens[index - 1])
        }
        guard !path.isEmpty else {
            errorExpected("a module path such as std/hot")
            synchronizeItem()
            return
        }
        // `use std/vec.{vec_new, Vec}`: only the names listed are visible
        // to this file (the checker holds it to that).
        var span = span(from: start)
        var names: [Name]?
        if path.hasSuffix("."), kind == .lBrace {
            path.removeLast()
            span = SourceSpan(file: span.file, start: span.start, end: span.end - 1)
            advance()
            var listed: [Name] = []
            while kind != .rBrace, kind != .endOfFile, !atStatementEnd || kind == .comma {
                if kind != .identifier, kind != .comma, !kind.isKeyword { break }
                let token = advance()
                if token.kind != .comma { listed.append(Name(text(of: token), self.span(of: token))) }
            }
            _ = expect(.rBrace, "'}' to close the imported names")
            names = listed
        }
        tree.add(item: .importModule(ImportDecl(path: path, span: span, names: names)), file: file.id)
    }

    /// `type Name = T` (also `T Name = T`, and `type Name<A> = T`): an
    /// alias at item level.
    func isAliasStart(_ offset: Int) -> Bool {
        guard peekKind(offset) == .identifier, peekKind(offset + 1) == .identifier,
              peekKind(offset + 2) == .equal || peekKind(offset + 2) == .less else { return false }
        return spells(peekToken(offset), "type") || spells(peekToken(offset), "T")
    }

    private mutating func parseTypeAlias() {
        advance()
        guard let name = expectIdentifier("a type name") else {
            synchronizeItem()
            return
        }
        let (genericParameters, genericBounds) = parseBoundedGenericParameters()
        guard expect(.equal) else {
            synchronizeItem()
            return
        }
        tree.add(item: .typeAlias(TypeAliasDecl(name: name, type: parseType(), genericParameters: genericParameters,
                                                genericBounds: genericBounds)), file: file.id)
    }

    private mutating func parseExternBlock() {
        advance()
        if kind == .string { advance() }
        guard expect(.lBrace) else {
            synchronizeItem()
            return
        }
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            _ = parseAttributes()
            if kind == .kwFn {
                if let function = parseFunction(isHot: false, isExtern: true, insideExternBlock: true) {
                    tree.add(item: .function(function), file: file.id)
                }
            } else {
                errorExpected("a function declaration")
                synchronizeStatement()
            }
            _ = accept(.semicolon)
            if index == before { advance() }
        }
        _ = expect(.rBrace)
    }

    /// `X Type { ... }`, `X Type: Trait { ... }`, `impl Trait for Type { ... }`,
    /// each optionally generic (`impl<T> Show for Boxed<T>`, `X Boxed<T>`).
    private mutating func parseImpl() {
        advance()
        var (genericParameters, genericBounds) = parseBoundedGenericParameters()
        guard var typeName = expectIdentifier("a type name") else {
            synchronizeItem()
            return
        }
        var traitName: Name?
        var traitArguments: [TypeSyntax] = []
        if closesBeforeFor() {
            traitArguments = parseTypeArguments()
        } else {
            parseImplTypeArguments(&genericParameters, &genericBounds)
        }
        if accept(.kwFor) {
            traitName = typeName
            guard let implemented = expectIdentifier("a type name after 'for'") else {
                synchronizeItem()
                return
            }
            typeName = implemented
            parseImplTypeArguments(&genericParameters, &genericBounds)
        } else if accept(.colon) {
            traitName = expectIdentifier("a trait name")
            traitArguments = parseTypeArguments()
        }
        parseWhereClause(genericParameters, &genericBounds)
        guard expect(.lBrace) else {
            synchronizeItem()
            return
        }
        var methods: [FunctionDecl] = []
        var associatedTypes: [(name: Name, type: TypeSyntax)] = []
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            let attributes = parseAttributes()
            if kind == .kwFn {
                var contracts = attributes.contracts
                let firstExpression = tree.exprs.count
                if let method = parseFunction(isHot: attributes.isHot, isExtern: false, contracts: &contracts) {
                    if let span = attributes.divisorChecks {
                        contracts += divisorContracts(firstExpression..<tree.exprs.count, parameters: method.parameters, at: span)
                    }
                    methods.append(checkedMethod(method, contracts))
                }
            } else if startsAssociatedType {
                advance()
                if let name = expectIdentifier("an associated type name"), expect(.equal) {
                    associatedTypes.append((name, parseType()))
                }
                _ = accept(.semicolon)
            } else {
                errorExpected("a method (F) or an associated type (type Name = T)")
                synchronizeStatement()
            }
            if index == before { advance() }
        }
        _ = expect(.rBrace)
        tree.add(item: .implementation(ImplDecl(typeName: typeName, methods: methods, genericParameters: genericParameters,
                                                traitName: traitName, traitArguments: traitArguments,
                                                associatedTypes: associatedTypes, genericBounds: genericBounds)), file: file.id)
    }

    /// `<A, B>` after the implemented type: its parameters, unless the impl
    /// named them already (`impl<A, B>`).
    private mutating func parseImplTypeArguments(_ genericParameters: inout [Name], _ genericBounds: inout [[Name]]) {
        guard kind == .less else { return }
        if genericParameters.isEmpty {
            (genericParameters, genericBounds) = parseBoundedGenericParameters()
        } else {
            _ = parseTypeArguments()
        }
    }

    /// `type Item` (the older code writes `T Item`) inside a trait or an impl.
    private var startsAssociatedType: Bool {
        kind == .identifier && peekKind() == .identifier && (spells(current, "type") || spells(current, "T"))
    }

    /// `trait Name { F required(&self) -> T; F provided(&self) -> T { ... }; type Item }`
    /// (also `W Name { ... }`).
    private mutating func parseTrait() {
        advance()
        guard let name = expectIdentifier("a trait name") else {
            synchronizeItem()
            return
        }
        let genericParameters = parseGenericParameters()
        if accept(.colon) {
            repeat { _ = parseBound() } while accept(.plus)
        }
        guard expect(.lBrace) else {
            synchronizeItem()
            return
        }
        var methods: [FunctionDecl] = []
        var associatedTypes: [Name] = []
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            if kind == .kwFn {
                if let method = parseFunction(isHot: false, isExtern: false, insideExternBlock: true) { methods.append(method) }
            } else if startsAssociatedType {
                advance()
                if let associated = expectIdentifier("an associated type name") { associatedTypes.append(associated) }
                if accept(.colon) {
                    repeat { _ = parseBound() } while accept(.plus)
                }
                _ = accept(.semicolon)
            } else {
                errorExpected("a method (F) or an associated type (type Name)")
                synchronizeStatement()
            }
            _ = accept(.semicolon)
            if index == before { advance() }
        }
        _ = expect(.rBrace)
        tree.add(item: .trait(TraitDecl(name: name, methods: methods, associatedTypes: associatedTypes,
                                        genericParameters: genericParameters)), file: file.id)
    }
}
