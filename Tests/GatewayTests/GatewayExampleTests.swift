import Foundation
import Gateway
import Settings
import TestSupport
import Testing

/// The `[gateway]` table of `config/ishowtts.example.toml`: documents every rule, and spells the built-in values.
@Suite struct GatewayExampleTests {
    private var examplePath: String { ProjectPaths.root.appendingPathComponent("config/ishowtts.example.toml").path }

    @Test func exampleGatewayTableMeansTheBuiltInRules() throws {
        let configuration = try ServerConfiguration.load(file: examplePath, environment: [:], currentDirectory: ProjectPaths.root.path)
        let json = try #require(configuration.chat.gatewayRules)
        #expect(try GatewayRules().merging(json) == GatewayRules())
    }

    @Test func exampleDocumentsEveryRule() throws {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for key in GatewayRules.CodingKeys.allCases.map(\.rawValue) {
            let documented = lines.contains { line in
                line.hasPrefix("\(key) =") || line.hasPrefix("# \(key) =") || line == "[gateway.\(key)]" || line == "# [gateway.\(key)]"
            }
            #expect(documented, "config/ishowtts.example.toml does not document gateway.\(key)")
        }
    }

    @Test func environmentOverridesReachTheGateway() throws {
        let configuration = try ServerConfiguration.load(
            file: nil,
            environment: ["ISHOWTTS__GATEWAY__MAX_CHARACTERS": "42", "ISHOWTTS__GATEWAY__BANNED_WORDS": #"["spam"]"#],
            currentDirectory: "/srv"
        )
        let rules = try GatewayRules().merging(try #require(configuration.chat.gatewayRules))
        #expect(rules.maxCharacters == 42)
        #expect(rules.bannedWords == ["spam"])
    }
}
