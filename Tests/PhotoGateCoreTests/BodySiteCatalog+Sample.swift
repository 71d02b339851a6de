import PhotoGateCore

extension BodySiteCatalog {
    /// A small catalog for core tests (the real one is loaded from Mappings/body-sites.yaml).
    static let sample = BodySiteCatalog(sites: [
        BodySite(snomedCode: "85562004", meaning: "Hand", bodyPartExamined: "HAND", paired: true),
        BodySite(snomedCode: "89545001", meaning: "Face", bodyPartExamined: "FACE", paired: false),
        BodySite(snomedCode: "127949000", meaning: "Elbow", bodyPartExamined: "ELBOW", paired: true),
    ])
}
