import SystemProbes
import VaisCompiler

extension ELFInspector {
    /// The ABI manifest a host or hot part carries in its `.vais_abi`
    /// section, when the inspector was asked to read that section.
    var manifest: ABIManifest? {
        contents(of: HotSplit.manifestSection).flatMap { ABIManifest(text: String(decoding: $0, as: UTF8.self)) }
    }
}
