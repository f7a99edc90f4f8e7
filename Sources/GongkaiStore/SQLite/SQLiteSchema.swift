import GRDB
import GongkaiModel

/// The named migrations of the SQLite corpus. A migration, once released, never changes; a change is a new one.
enum SQLiteSchema {
    /// The migrations in order, recorded by name in GRDB's `grdb_migrations` table.
    static let migrations: [(name: String, run: @Sendable (Database) throws -> Void)] = [
        ("v1 corpus tables", { try $0.execute(sql: corpusTables) }),
        ("v1 figure kinds", { try insertFigureKinds($0) }),
        ("v1 figure_long view", { try $0.execute(sql: figureLongViewV1) }),
        ("v2 checks without temporary tables", { try $0.execute(sql: checksWithoutTemporaryTables) }),
        ("v3 figure_long with the shared column names", { try $0.execute(sql: sharedColumnNames) }),
        ("v4 users, sessions and audit", { try $0.execute(sql: accountTables) }),
        ("v4 report measures", { try SQLiteStore.addMeasures($0) }),
        ("v5 source files", { try $0.execute(sql: sourceFiles) }),
        ("v6 listing index", { try $0.execute(sql: listingIndex) }),
        ("v7 listing by findings index", { try $0.execute(sql: findingsIndex) }),
        ("v8 working-calendar years", { try $0.execute(sql: calendarTables) }),
        ("v9 corpus change counter", { try $0.execute(sql: corpusChangeCounter) }),
        ("v10 register records and their changes", { try $0.execute(sql: registerTables) }),
        ("v11 agency names searched in name order", { try $0.execute(sql: agencyNameSearchIndex) }),
        ("v12 users' duties in agencies", { try $0.execute(sql: dutyTable) }),
        (
            "v13 register records of applications filed online and of items published",
            { try $0.execute(sql: widerKinds) }
        ),
    ]

    /// The migrations a corpus needs before it can be read; later ones change only what writing checks.
    static let neededForReading: Set<String> = ["v1 corpus tables", "v1 figure kinds"]

    /// The same migrations as a GRDB migrator, for tests that build a database of an earlier schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations { migrator.registerMigration(migration.name, migrate: migration.run) }
        return migrator
    }

    /// The names of the migrations applied to a database; empty when it has none.
    static func applied(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

    /// Runs the migrations not yet applied, all in one transaction that holds the database's write lock from its
    /// start: processes that open a new database at once wait for each other, and each sees what the one before it
    /// applied. Throws ``StoreError/newerSchema(path:)`` for a database with migrations this version does not know.
    static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        let known = Set(migrations.map(\.name))
        let before = try writer.read { try applied($0) }
        guard before.isSubset(of: known) else { throw StoreError.newerSchema(path: path) }
        guard before != known else { return }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let done = try applied(db)
                guard done.isSubset(of: known) else { throw StoreError.newerSchema(path: path) }
                for migration in migrations where !done.contains(migration.name) {
                    try migration.run(db)
                    try db.execute(
                        sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)",
                        arguments: [migration.name]
                    )
                }
                return .commit
            }
        }
    }

    /// The web application's users, their sessions (under a hash of the cookie's token), failed sign-ins and the
    /// audit log. Times are seconds since 1970.
    static let accountTables = """
        CREATE TABLE app_user (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (name <> ''),
            role TEXT NOT NULL CHECK (role IN ('viewer', 'uploader', 'admin')),
            password_hash TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE app_session (
            token_hash TEXT PRIMARY KEY NOT NULL,
            user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL
        );
        CREATE INDEX app_session_user ON app_session(user_id);
        CREATE TABLE login_failure (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
            subject TEXT NOT NULL,
            failed_at REAL NOT NULL
        );
        CREATE INDEX login_failure_subject ON login_failure(kind, subject, failed_at);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            address TEXT
        );
        """

    /// The current reports by year with their counts of errors and warnings: the 报告库's counts and its order by
    /// errors read this index alone. Agencies by name: a year's reports listed by agency are read in that order.
    static let listingIndex = """
        CREATE INDEX report_listing ON report(year, errors, warnings, status) WHERE status = 'current';
        CREATE INDEX agency_name ON agency(name);
        """

    /// Agencies by name with their normalised names: a year's reports listed by agency for a search text read the
    /// agencies in name order from this index alone, matching each name as they go, and stop once the page is full
    /// (replaces `agency_name`, which it covers).
    /// What each user does for which agency: a clerk keeps its register, three levels review what it publishes, a
    /// supervisor (with no agency: of every agency) follows its deadlines. One row per duty held.
    static let dutyTable = """
        CREATE TABLE user_duty (
            user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
            agency_id INTEGER REFERENCES agency(id) ON DELETE CASCADE,
            duty TEXT NOT NULL
                CHECK (duty IN ('clerk', 'first_review', 'second_review', 'final_review', 'supervisor')),
            granted_at REAL NOT NULL,
            CHECK (agency_id IS NOT NULL OR duty = 'supervisor')
        );
        CREATE UNIQUE INDEX user_duty_held ON user_duty(user_id, duty, COALESCE(agency_id, 0));
        CREATE INDEX user_duty_agency ON user_duty(agency_id);
        """

    static let agencyNameSearchIndex = """
        CREATE INDEX agency_name_search ON agency(name, normalized_name);
        DROP INDEX agency_name;
        """

    /// 报告库 by findings over every year: most errors first reads this index in order, sorting only the reports that
    /// tie on errors, warnings and year by agency name.
    static let findingsIndex = """
        CREATE INDEX report_findings ON report(errors DESC, warnings DESC, year DESC) WHERE status = 'current';
        """

    /// A number that every change to the reports, agencies, aliases and regions raises, in the changing transaction:
    /// what a read of the 报告库 counted is kept under it (``ListingCounts``).
    static let corpusChangeCounter = """
        CREATE TABLE corpus_change (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
        INSERT INTO corpus_change (id, n) VALUES (1, 0);
        CREATE TRIGGER report_insert_counted AFTER INSERT ON report BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER report_update_counted AFTER UPDATE ON report BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER report_delete_counted AFTER DELETE ON report BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_insert_counted AFTER INSERT ON agency BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_update_counted AFTER UPDATE ON agency BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_delete_counted AFTER DELETE ON agency BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_alias_insert_counted AFTER INSERT ON agency_alias BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_alias_update_counted AFTER UPDATE ON agency_alias BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER agency_alias_delete_counted AFTER DELETE ON agency_alias BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER region_insert_counted AFTER INSERT ON region BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER region_update_counted AFTER UPDATE ON region BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        CREATE TRIGGER region_delete_counted AFTER DELETE ON region BEGIN UPDATE corpus_change SET n = n + 1 WHERE id = 1; END;
        """

    static let corpusTables = """
        CREATE TABLE region (
            code TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            normalized_name TEXT NOT NULL,
            parent_code TEXT REFERENCES region(code) DEFERRABLE INITIALLY DEFERRED,
            level TEXT NOT NULL,
            CHECK (parent_code IS NULL OR parent_code <> code)
        );
        CREATE INDEX region_parent ON region(parent_code);
        CREATE INDEX region_name ON region(normalized_name);

        CREATE TABLE agency (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            normalized_name TEXT NOT NULL UNIQUE,
            core_name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            segments TEXT NOT NULL,
            region_code TEXT REFERENCES region(code),
            level TEXT,
            parent_id INTEGER REFERENCES agency(id),
            listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
            created_at TEXT NOT NULL
        );
        CREATE INDEX agency_key ON agency(name_key);
        CREATE INDEX agency_region ON agency(region_code);

        CREATE TABLE agency_alias (
            normalized_alias TEXT PRIMARY KEY NOT NULL CHECK (normalized_alias <> ''),
            alias TEXT NOT NULL,
            agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE
        );
        CREATE INDEX agency_alias_agency ON agency_alias(agency_id);

        CREATE TABLE report (
            id INTEGER PRIMARY KEY,
            agency_id INTEGER NOT NULL REFERENCES agency(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
            version INTEGER NOT NULL CHECK (version >= 1),
            status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
            template TEXT CHECK (template IN ('2021', '2019')),
            content_hash TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
            source_path TEXT NOT NULL,
            source_format TEXT NOT NULL,
            encoding TEXT,
            title TEXT,
            printed_agency TEXT NOT NULL,
            publication_date TEXT,
            errors INTEGER NOT NULL CHECK (errors >= 0),
            warnings INTEGER NOT NULL CHECK (warnings >= 0),
            notices INTEGER NOT NULL CHECK (notices >= 0),
            ingested_at TEXT NOT NULL,
            UNIQUE (agency_id, year, version)
        );
        CREATE UNIQUE INDEX report_current ON report(agency_id, year) WHERE status = 'current';
        CREATE INDEX report_year ON report(year, status);

        CREATE TABLE figure_kind (
            id INTEGER PRIMARY KEY,
            figure TEXT NOT NULL,
            template TEXT NOT NULL CHECK (template IN ('2021', '2019')),
            table_no INTEGER NOT NULL CHECK (table_no IN (2, 3, 4)),
            table_name TEXT NOT NULL,
            row_label TEXT NOT NULL,
            column_label TEXT NOT NULL,
            position INTEGER NOT NULL,
            UNIQUE (figure, template)
        );

        CREATE TABLE figure (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            kind_id INTEGER NOT NULL REFERENCES figure_kind(id),
            value NUMERIC,
            state TEXT NOT NULL CHECK (state IN ('value', 'blank', 'unknown')),
            printed TEXT,
            line INTEGER,
            col INTEGER,
            end_col INTEGER,
            place TEXT,
            PRIMARY KEY (report_id, kind_id),
            CHECK ((state = 'value') = (value IS NOT NULL))
        ) WITHOUT ROWID;

        CREATE TABLE section (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            printed_number INTEGER,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            line INTEGER,
            UNIQUE (report_id, position)
        );

        CREATE TABLE finding (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            previous_report_id INTEGER REFERENCES report(id) ON DELETE CASCADE,
            scope TEXT NOT NULL CHECK (scope IN ('report', 'cross-year')),
            code TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'notice')),
            table_no INTEGER CHECK (table_no IN (2, 3, 4)),
            figures TEXT NOT NULL,
            message TEXT NOT NULL,
            line INTEGER,
            col INTEGER,
            CHECK ((scope = 'cross-year') = (previous_report_id IS NOT NULL))
        );
        CREATE INDEX finding_report ON finding(report_id, scope);
        CREATE INDEX finding_previous ON finding(previous_report_id);

        CREATE TABLE failure (
            content_hash TEXT PRIMARY KEY NOT NULL CHECK (length(content_hash) = 64),
            source_path TEXT NOT NULL,
            reason TEXT NOT NULL,
            failed_at TEXT NOT NULL
        );
        """

    /// SQLite evaluates a `CHECK (x IN ('a', 'b', 'c'))` of three or more values through a temporary table it
    /// creates and drops for every inserted row; for the 200 figure rows of each report that cost more than the
    /// insert itself. The same checks, written as comparisons, cost nothing. The view is dropped and recreated as it
    /// was, because SQLite checks every view when a table is renamed.
    static let checksWithoutTemporaryTables = """
        DROP VIEW figure_long;

        CREATE TABLE figure_new (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            kind_id INTEGER NOT NULL REFERENCES figure_kind(id),
            value NUMERIC,
            state TEXT NOT NULL CHECK (state = 'value' OR state = 'blank' OR state = 'unknown'),
            printed TEXT,
            line INTEGER,
            col INTEGER,
            end_col INTEGER,
            place TEXT,
            PRIMARY KEY (report_id, kind_id),
            CHECK ((state = 'value') = (value IS NOT NULL))
        ) WITHOUT ROWID;
        INSERT INTO figure_new SELECT report_id, kind_id, value, state, printed, line, col, end_col, place FROM figure;
        DROP TABLE figure;
        ALTER TABLE figure_new RENAME TO figure;

        CREATE TABLE finding_new (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            previous_report_id INTEGER REFERENCES report(id) ON DELETE CASCADE,
            scope TEXT NOT NULL CHECK (scope = 'report' OR scope = 'cross-year'),
            code TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity = 'error' OR severity = 'warning' OR severity = 'notice'),
            table_no INTEGER CHECK (table_no BETWEEN 2 AND 4),
            figures TEXT NOT NULL,
            message TEXT NOT NULL,
            line INTEGER,
            col INTEGER,
            CHECK ((scope = 'cross-year') = (previous_report_id IS NOT NULL))
        );
        INSERT INTO finding_new
            SELECT id, report_id, previous_report_id, scope, code, severity, table_no, figures, message, line, col
            FROM finding;
        DROP TABLE finding;
        ALTER TABLE finding_new RENAME TO finding;
        CREATE INDEX finding_report ON finding(report_id, scope);
        CREATE INDEX finding_previous ON finding(previous_report_id);
        """ + ";\n" + figureLongViewV1

    /// Every figure as one row with its report, agency and Chinese labels: what a researcher queries. The first
    /// release's column names; replaced by ``sharedColumnNames``.
    static let figureLongViewV1 = """
        CREATE VIEW figure_long AS
        SELECT a.name AS agency, a.region_code AS region_code, r.year AS year, r.version AS version,
               r.status AS status, r.template AS template, r.source_path AS file, k.figure AS figure,
               k.table_name AS table_name, k.row_label AS row_label, k.column_label AS column_label,
               f.value AS value, f.state AS state, coalesce(f.printed, CAST(f.value AS TEXT), '') AS printed,
               f.line AS line, f.col AS col, r.id AS report_id, a.id AS agency_id
        FROM figure f
        JOIN report r ON r.id = f.report_id
        JOIN agency a ON a.id = r.agency_id
        JOIN figure_kind k ON k.id = f.kind_id
        """

    /// `figure_long` with the columns of the CSV outputs, in their order (`ReportCSV.header`, `Docs/data.md`), and
    /// the region's name.
    static let sharedColumnNames = """
        DROP VIEW figure_long;
        CREATE VIEW figure_long AS
        SELECT r.id AS report_id, a.id AS agency_id, a.name AS agency, a.region_code AS region_code,
               g.name AS region, r.year AS year, r.version AS version, r.status AS report_status,
               r.template AS template, r.source_path AS file, k.figure AS figure_id, k.table_name AS table_name,
               k.row_label AS row_label, k.column_label AS column_label, f.value AS value, f.state AS state,
               coalesce(f.printed, CAST(f.value AS TEXT), '') AS printed, f.line AS source_line,
               f.col AS source_column
        FROM figure f
        JOIN report r ON r.id = f.report_id
        JOIN agency a ON a.id = r.agency_id
        LEFT JOIN region g ON g.code = a.region_code
        JOIN figure_kind k ON k.id = f.kind_id
        """

    /// The agencies' disclosure registers: each record whole as JSON beside what lists look for, and the audit log of
    /// every change, which the database only ever adds to. A record's agency cannot be deleted from under it.
    static let registerTables = """
        CREATE TABLE register_record (
            id INTEGER PRIMARY KEY,
            agency_id INTEGER NOT NULL REFERENCES agency(id),
            kind TEXT NOT NULL CHECK (kind IN ('application', 'case', 'document', 'counts')),
            key TEXT NOT NULL CHECK (key <> ''),
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 9999),
            open INTEGER NOT NULL CHECK (open IN (0, 1)),
            state TEXT NOT NULL,
            due TEXT CHECK (due IS NULL OR length(due) = 10),
            body TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            changed_at REAL NOT NULL,
            changed_by TEXT NOT NULL,
            UNIQUE (agency_id, kind, key)
        );
        CREATE INDEX register_record_due ON register_record(kind, due) WHERE open = 1;
        CREATE INDEX register_record_year ON register_record(agency_id, kind, year);
        CREATE TABLE register_change (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL,
            agency_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            at REAL NOT NULL,
            by TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed')),
            before TEXT,
            after TEXT,
            version INTEGER NOT NULL
        );
        CREATE INDEX register_change_record ON register_change(record_id, id);
        CREATE INDEX register_change_agency ON register_change(agency_id, id);
        CREATE TRIGGER register_change_kept BEFORE UPDATE ON register_change
        BEGIN SELECT RAISE(ABORT, 'register_change is append-only'); END;
        CREATE TRIGGER register_change_not_deleted BEFORE DELETE ON register_change
        BEGIN SELECT RAISE(ABORT, 'register_change is append-only'); END;
        """

    /// Applications filed on the public page (`submission`), and proactive items on their way through 三审 with their
    /// attachments and the agencies' word lists (`item`, `attachment`, `words`) are register records of their own
    /// kinds: SQLite cannot change a CHECK constraint, so the table is made again with the wider one and its rows
    /// copied over (ids and all, so the audit log still finds them).
    static let widerKinds = """
        CREATE TABLE register_record_new (
            id INTEGER PRIMARY KEY,
            agency_id INTEGER NOT NULL REFERENCES agency(id),
            kind TEXT NOT NULL CHECK (
                kind IN ('application', 'case', 'document', 'counts', 'submission', 'item', 'attachment', 'words')
            ),
            key TEXT NOT NULL CHECK (key <> ''),
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 9999),
            open INTEGER NOT NULL CHECK (open IN (0, 1)),
            state TEXT NOT NULL,
            due TEXT CHECK (due IS NULL OR length(due) = 10),
            body TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            changed_at REAL NOT NULL,
            changed_by TEXT NOT NULL,
            UNIQUE (agency_id, kind, key)
        );
        INSERT INTO register_record_new SELECT id, agency_id, kind, key, year, open, state, due, body, version,
            changed_at, changed_by FROM register_record;
        DROP TABLE register_record;
        ALTER TABLE register_record_new RENAME TO register_record;
        CREATE INDEX register_record_due ON register_record(kind, due) WHERE open = 1;
        CREATE INDEX register_record_year ON register_record(agency_id, kind, year);
        CREATE INDEX register_record_key ON register_record(kind, key);
        """

    /// Years of the working calendar added with `gongkai calendar add`, each with its notice, and their special days.
    static let calendarTables = """
        CREATE TABLE calendar_year (
            year INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 1949 AND 9999),
            notice TEXT NOT NULL CHECK (notice <> ''),
            stored_at TEXT NOT NULL
        );
        CREATE TABLE calendar_day (
            day TEXT PRIMARY KEY NOT NULL CHECK (length(day) = 10),
            year INTEGER NOT NULL REFERENCES calendar_year(year) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL CHECK (name <> '')
        );
        CREATE INDEX calendar_day_year ON calendar_day(year);
        """

    /// The bytes of each report's source file, under the report's content hash; removed with the report.
    static let sourceFiles = """
        CREATE TABLE source_file (
            content_hash TEXT PRIMARY KEY NOT NULL REFERENCES report(content_hash) ON DELETE CASCADE,
            file_name TEXT NOT NULL CHECK (file_name <> ''),
            size INTEGER NOT NULL CHECK (size >= 0),
            bytes BLOB NOT NULL CHECK (length(bytes) = size),
            stored_at TEXT NOT NULL
        )
        """

    /// Every cell of both formats, variant rows included, in format order.
    static func figureKinds() -> [FigureKindRecord] {
        var kinds: [FigureKindRecord] = []
        for template in ReportTemplate.allCases {
            var position = 0
            for table in NationalTemplates.spec(template).tables {
                for row in table.rows + table.variantRows {
                    for (column, id) in zip(row.columns, row.figureIDs) {
                        position += 1
                        kinds.append(
                            FigureKindRecord(
                                id: nil,
                                figure: id.rawValue,
                                template: template.rawValue,
                                tableNo: table.kind.rawValue,
                                tableName: table.kind.name,
                                rowLabel: row.fullLabel,
                                columnLabel: column.label,
                                position: position
                            )
                        )
                    }
                }
            }
        }
        return kinds
    }

    static func insertFigureKinds(_ db: Database) throws {
        for kind in figureKinds() {
            try db.execute(
                sql: """
                    INSERT INTO figure_kind (figure, template, table_no, table_name, row_label, column_label, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (figure, template) DO NOTHING
                    """,
                arguments: [
                    kind.figure, kind.template, kind.tableNo, kind.tableName, kind.rowLabel, kind.columnLabel,
                    kind.position,
                ]
            )
        }
    }
}
