import ArgumentParser

/// The commands that work on the corpus database.
let corpusCommands: [any ParsableCommand.Type] = [
    IngestCommand.self, ReviewCommand.self, ShowCommand.self, RollupCommand.self, MissingCommand.self,
    ExportCommand.self, ServeCommand.self, UserCommand.self, AuditCommand.self,
    AgencyCommand.self, CalendarCommand.self, RegisterCommand.self, PublishCommand.self, GenerateCorpusCommand.self,
    GenerateLayoutsCommand.self,
]
