import VaisSyntax

/// `?` and `!` on `Option` and `Result` values: a test of the tag, then the
/// payload of `Some`/`Ok` (variant 0 of both, by the checker's rule).
extension FunctionLowering {
    /// The exit code of a failed `!`, as Rust's panics use.
    static let panicExitCode: IRPiece = "101"

    /// `value?`: the payload, or returns the `None` / `Err(e)` rebuilt in
    /// the function's own result type.
    mutating func lowerTry(_ inner: ExprID, type: TypeID) -> IRPiece? {
        guard let value = lowerExpression(inner), case .enumeration(let enumID) = types[self.type(of: inner)],
              case .enumeration(let resultID) = types[function.result] else { return nil }
        let success = branchOnTag(of: value, success: "try.some.", failure: "try.none.")
        let returned = alloca(function.result)
        store(.i32, "1", to: returned)
        let failurePayload = model.enums[enumID.index].variants[1].payload
        if let errorType = failurePayload.first, let returnedError = model.enums[resultID.index].variants[1].payload.first {
            let error = payloadValue(value, enumID, variant: 1, field: 0)
            let target = payloadFieldPointer(returned, resultID, variant: 1, field: 0)
            assign(returnedError, types.isAggregate(errorType) ? error : convert(error, from: errorType, to: returnedError), to: target)
        }
        emitReturn(returned)
        startBlock(success)
        return types.hasValue(type) ? payloadValue(value, enumID, variant: 0, field: 0) : nil
    }

    /// `value!`: the payload, or the panic message on stderr and exit.
    mutating func lowerUnwrap(_ inner: ExprID, message: ExprID, type: TypeID) -> IRPiece? {
        guard let value = lowerExpression(inner), case .enumeration(let enumID) = types[self.type(of: inner)],
              case .string(let bytes) = tree[message].kind else { return nil }
        let success = branchOnTag(of: value, success: "unwrap.some.", failure: "unwrap.none.")
        emit("call i32 (i32, ptr, ...) @dprintf(i32 2, ptr ", module.stringConstant(tree[bytes]), ")")
        emit("call void @exit(i32 ", Self.panicExitCode, ")")
        emitTerminator("unreachable")
        startBlock(success)
        return types.hasValue(type) ? payloadValue(value, enumID, variant: 0, field: 0) : nil
    }

    /// Branches on the tag of an Option or Result at `value` (0: Some or Ok)
    /// and starts the failure block (labels from the hints); returns the
    /// success block's label.
    private mutating func branchOnTag(of value: IRPiece, success successHint: IRPiece, failure failureHint: IRPiece) -> IRPiece {
        let success = label(successHint)
        let failure = label(failureHint)
        let tag = load(.i32, from: value)
        let isSuccess = temp()
        emit(isSuccess, " = icmp eq i32 ", tag, ", 0")
        emitTerminator("br i1 ", isSuccess, ", label %", success, ", label %", failure)
        startBlock(failure)
        return success
    }
}
