import GongkaiStore

extension Visitor {
    /// Whether the visitor keeps (登记员) or oversees (督办) the register of the agency.
    func keepsRegister(of agencyID: Int64) -> Bool {
        holds(.clerk, agencyID: agencyID) || holds(.supervisor, agencyID: agencyID)
    }

    /// The agencies whose registers the visitor keeps or oversees, or nil for every agency (a supervisor of all).
    var registerAgencies: [Int64]? {
        guard let kept = agencies(with: .clerk), let overseen = agencies(with: .supervisor) else { return nil }
        return Set(kept + overseen).sorted()
    }

    /// Whether the visitor has any register to see: the navigation offers 登记簿 only then.
    var hasRegister: Bool { registerAgencies.map { !$0.isEmpty } ?? true }
}
