import ArgumentParser

/// The commands that work on the corpus database.
let corpusCommands: [any ParsableCommand.Type] = [IngestCommand.self]
