import DICOMweb

/// DICOMweb's media type (with parameters and `Accept` matching); Hummingbird has a type of
/// the same name, which the gateway does not use.
typealias MediaType = DICOMweb.MediaType
