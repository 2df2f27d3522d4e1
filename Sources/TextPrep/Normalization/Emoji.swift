/// The one rule for what counts as an emoji in chat text.
public enum Emoji {
    /// Whether `character` is an emoji (a pictograph, a flag, a keycap sequence), not a plain digit, `#` or `*`.
    public static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.properties.isEmojiPresentation { return true }
        // Text-default symbols (☺, ❤, 1️⃣) are emoji when a variation selector or another scalar follows.
        return first.properties.isEmoji && scalars.count > 1
    }
}
