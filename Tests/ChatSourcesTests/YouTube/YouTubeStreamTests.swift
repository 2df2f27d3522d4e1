import Testing

@testable import ChatSources

@Suite struct YouTubeStreamTests {
    @Test(arguments: [
        ("dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "dQw4w9WgXcQ"),
        ("youtube.com/watch?feature=share&v=a-B_c1D2e3F", "a-B_c1D2e3F"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("  MINE ", "mine"),
    ])
    func acceptsIdsAndWatchAddresses(text: String, name: String) {
        #expect(YouTubeStream(text)?.name == name)
    }

    @Test(arguments: [
        "", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgXc!", "https://vimeo.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/@dallas",
        "https://www.youtube.com/watch?v=short", "https://www.youtube.com/watch",
    ])
    func refusesAnythingElse(text: String) {
        #expect(YouTubeStream(text) == nil)
    }
}
