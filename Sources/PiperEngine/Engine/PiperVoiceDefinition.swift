public import Foundation

/// A Piper voice the engine should load: which files, under which id.
public struct PiperVoiceDefinition: Sendable, Hashable {
    /// The id clients ask for, e.g. `en_US-joe-medium`.
    public var id: String
    /// The Piper model (`X.onnx`).
    public var model: URL
    /// The model's json; `nil` means `X.onnx.json` beside the model.
    public var config: URL?
    /// The speaker of a multi-speaker model; `nil` means speaker 0.
    public var speakerID: Int?

    /// Creates a voice definition.
    public init(id: String, model: URL, config: URL? = nil, speakerID: Int? = nil) {
        self.id = id
        self.model = model
        self.config = config
        self.speakerID = speakerID
    }
}
