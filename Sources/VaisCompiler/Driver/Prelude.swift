/// What every program can use without an import: `Option<T>` and
/// `Result<T, E>` with their variants and a few methods. It is compiled
/// with the program (generic, so nothing is emitted unless it is used); a
/// program's own type of the same name replaces the prelude's.
enum Prelude {
    static let path = "<prelude>"

    static let source = """
    E Option<T> { Some(T), None }

    X Option<T> {
        F is_some(&self) -> bool = M *self { Some(_) => true, None => false }
        F is_none(&self) -> bool = M *self { Some(_) => false, None => true }
        F unwrap_or(&self, fallback: T) -> T = M *self { Some(v) => v, None => fallback }
    }

    E Result<T, E> { Ok(T), Err(E) }

    X Result<T, E> {
        F is_ok(&self) -> bool = M *self { Ok(_) => true, Err(_) => false }
        F is_err(&self) -> bool = M *self { Ok(_) => false, Err(_) => true }
        F unwrap_or(&self, fallback: T) -> T = M *self { Ok(v) => v, Err(_) => fallback }
    }

    """
}
