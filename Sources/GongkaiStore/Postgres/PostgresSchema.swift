#if Postgres
import PostgresNIO

/// The named migrations of the PostgreSQL corpus, recorded in `schema_migrations`. The tables, their constraints and
/// the partial unique index of current reports are those of ``SQLiteSchema``, in PostgreSQL's types.
enum PostgresSchema {
    static let migrations: [(name: String, sql: [String])] = [
        ("v1 corpus tables", corpusTables),
        ("v1 figure_long view", [figureLongView]),
        ("v1 ingest claims", ingestClaims),
        ("v2 figure references checked per statement", figureReferencesPerStatement),
        ("v3 figure_long with the shared column names", sharedColumnNames),
        ("v4 users, sessions and audit", accountTables),
        ("v4 report measures", [ReportMeasure.createTable(numericType: "numeric", idType: "bigint")]),
        ("v5 source files", sourceFiles),
        (
            "v6 listing index",
            ["CREATE INDEX report_listing ON report(year, errors, warnings, status) WHERE status = 'current'"]
        ),
        (
            "v7 listing by findings index",
            [
                """
                CREATE INDEX report_findings ON report(errors DESC, warnings DESC, year DESC)
                WHERE status = 'current'
                """
            ]
        ),
        ("v8 working-calendar years", calendarTables),
        ("v10 register records and their changes", registerTables),
        ("v11 agency names in order", [agencyNameOrderIndex]),
        ("v12 users' duties in agencies", dutyTable),
        ("v13 register records of applications filed online and of items published", widerKinds),
    ]

    /// Applications filed on the public page (`submission`), and proactive items on their way through 三审 with their
    /// attachments and the agencies' word lists (`item`, `attachment`, `words`) are register records of their own
    /// kinds: the list of kinds is widened.
    static let widerKinds = [
        """
        ALTER TABLE register_record DROP CONSTRAINT register_record_kind_check,
            ADD CONSTRAINT register_record_kind_check
            CHECK (kind IN ('application', 'case', 'document', 'counts', 'submission', 'item', 'attachment', 'words'))
        """,
        "CREATE INDEX register_record_key ON register_record(kind, key)",
    ]

    /// The agencies' disclosure registers: each record whole as JSON beside what lists look for, and the audit log of
    /// every change, which the database only ever adds to. A record's agency cannot be deleted from under it.
    static let registerTables = [
        """
        CREATE TABLE register_record (
            id bigserial PRIMARY KEY,
            agency_id bigint NOT NULL REFERENCES agency(id),
            kind text NOT NULL CHECK (kind IN ('application', 'case', 'document', 'counts')),
            key text NOT NULL CHECK (key <> ''),
            year integer NOT NULL CHECK (year BETWEEN 1949 AND 9999),
            open boolean NOT NULL,
            state text NOT NULL,
            due text CHECK (due IS NULL OR length(due) = 10),
            body text NOT NULL,
            version integer NOT NULL CHECK (version >= 1),
            changed_at double precision NOT NULL,
            changed_by text NOT NULL,
            UNIQUE (agency_id, kind, key)
        )
        """,
        "CREATE INDEX register_record_due ON register_record(kind, due) WHERE open",
        "CREATE INDEX register_record_year ON register_record(agency_id, kind, year)",
        """
        CREATE TABLE register_change (
            id bigserial PRIMARY KEY,
            record_id bigint NOT NULL,
            agency_id bigint NOT NULL,
            kind text NOT NULL,
            key text NOT NULL,
            at double precision NOT NULL,
            by text NOT NULL,
            action text NOT NULL CHECK (action IN ('created', 'changed', 'removed')),
            before text,
            after text,
            version integer NOT NULL
        )
        """,
        "CREATE INDEX register_change_record ON register_change(record_id, id)",
        "CREATE INDEX register_change_agency ON register_change(agency_id, id)",
        """
        CREATE FUNCTION register_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'register_change is append-only'; END $$
        """,
        """
        CREATE TRIGGER register_change_kept BEFORE UPDATE OR DELETE ON register_change
        FOR EACH ROW EXECUTE FUNCTION register_change_append_only()
        """,
        """
        CREATE TRIGGER register_change_not_truncated BEFORE TRUNCATE ON register_change
        FOR EACH STATEMENT EXECUTE FUNCTION register_change_append_only()
        """,
    ]

    /// Agencies in the order the 报告库 lists them (byte order, as `COLLATE "C"` sorts): a year's reports listed by
    /// agency are read agency by agency in this order, each one's report looked up, and the reading stops once the
    /// page is full — a search text matching thousands of agencies no longer sorts all of their reports.
    /// What each user does for which agency: a clerk keeps its register, three levels review what it publishes, a
    /// supervisor (with no agency: of every agency) follows its deadlines. One row per duty held.
    static let dutyTable = [
        """
        CREATE TABLE user_duty (
            user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
            agency_id bigint REFERENCES agency(id) ON DELETE CASCADE,
            duty text NOT NULL
                CHECK (duty IN ('clerk', 'first_review', 'second_review', 'final_review', 'supervisor')),
            granted_at double precision NOT NULL,
            CHECK (agency_id IS NOT NULL OR duty = 'supervisor')
        )
        """,
        "CREATE UNIQUE INDEX user_duty_held ON user_duty(user_id, duty, (COALESCE(agency_id, 0)))",
        "CREATE INDEX user_duty_agency ON user_duty(agency_id)",
    ]

    static let agencyNameOrderIndex = #"CREATE INDEX agency_name_order ON agency(name COLLATE "C")"#

    /// Years of the working calendar added with `gongkai calendar add`, each with its notice, and their special days.
    static let calendarTables = [
        """
        CREATE TABLE calendar_year (
            year integer PRIMARY KEY CHECK (year BETWEEN 1949 AND 9999),
            notice text NOT NULL CHECK (notice <> ''),
            stored_at text NOT NULL
        )
        """,
        """
        CREATE TABLE calendar_day (
            day text PRIMARY KEY CHECK (length(day) = 10),
            year integer NOT NULL REFERENCES calendar_year(year) ON DELETE CASCADE,
            kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name text NOT NULL CHECK (name <> '')
        )
        """,
        "CREATE INDEX calendar_day_year ON calendar_day(year)",
    ]

    /// The bytes of each report's source file, under the report's content hash; removed with the report.
    static let sourceFiles = [
        """
        CREATE TABLE source_file (
            content_hash text PRIMARY KEY REFERENCES report(content_hash) ON DELETE CASCADE,
            file_name text NOT NULL CHECK (file_name <> ''),
            size bigint NOT NULL CHECK (size >= 0),
            bytes bytea NOT NULL CHECK (octet_length(bytes) = size),
            stored_at text NOT NULL
        )
        """
    ]

    /// The migrations a corpus needs before it can be read.
    static let neededForReading: Set<String> = ["v1 corpus tables"]

    /// The names of the migrations applied; empty when the database has no schema yet.
    static func applied(_ session: PostgresSession) throws -> Set<String> {
        let exists = try session.rows("SELECT to_regclass('schema_migrations') IS NOT NULL").first?.decode(Bool.self)
        guard exists == true else { return [] }
        return Set(try session.rows("SELECT name FROM schema_migrations").map { try $0.decode(String.self) })
    }

    /// Throws unless the database's schema can be read by this version without changing it.
    static func checkReadable(_ session: PostgresSession, location: String) throws {
        let applied = try applied(session)
        guard applied.isSubset(of: Set(migrations.map(\.name))) else { throw StoreError.newerSchema(path: location) }
        guard neededForReading.isSubset(of: applied) else { throw StoreError.olderSchema(path: location) }
    }

    /// Runs the migrations not yet applied in one transaction, one process at a time; a database already up to date
    /// is left alone (so a role that may only read and write rows can ingest).
    static func migrate(_ session: PostgresSession, location: String) throws {
        let known = Set(migrations.map(\.name))
        let before = try applied(session)
        guard before.isSubset(of: known) else { throw StoreError.newerSchema(path: location) }
        guard before != known else { return }
        try session.transaction { db in
            // Serialises the creation of the schema by processes that start at once.
            try db.execute("SELECT pg_advisory_xact_lock(7362871)")
            try db.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """
            )
            let applied = Set(try db.rows("SELECT name FROM schema_migrations").map { try $0.decode(String.self) })
            let known = Set(migrations.map(\.name))
            if !applied.isSubset(of: known) { throw StoreError.newerSchema(path: location) }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.sql { try db.execute(PostgresQuery(unsafeSQL: statement)) }
                if migration.name == "v1 corpus tables" { try insertFigureKinds(db) }
                if migration.name == "v4 report measures" { try PostgresStore.fillMeasures(db) }
                try db.execute("INSERT INTO schema_migrations (name) VALUES (\(migration.name))")
            }
        }
    }

    /// The tables of ``SQLiteSchema/accountTables``, in PostgreSQL's types.
    static let accountTables = [
        """
        CREATE TABLE app_user (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (name <> ''),
            role text NOT NULL CHECK (role IN ('viewer', 'uploader', 'admin')),
            password_hash text NOT NULL,
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL
        )
        """,
        """
        CREATE TABLE app_session (
            token_hash text PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
            csrf_token text NOT NULL,
            created_at double precision NOT NULL,
            last_seen_at double precision NOT NULL
        )
        """,
        "CREATE INDEX app_session_user ON app_session(user_id)",
        """
        CREATE TABLE login_failure (
            id bigserial PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('account', 'address')),
            subject text NOT NULL,
            failed_at double precision NOT NULL
        )
        """,
        "CREATE INDEX login_failure_subject ON login_failure(kind, subject, failed_at)",
        """
        CREATE TABLE audit_log (
            id bigserial PRIMARY KEY,
            at double precision NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            detail text NOT NULL,
            address text
        )
        """,
    ]

    static let corpusTables = [
        """
        CREATE TABLE region (
            code text PRIMARY KEY CHECK (code <> ''),
            name text NOT NULL CHECK (name <> ''),
            normalized_name text NOT NULL,
            parent_code text REFERENCES region(code) DEFERRABLE INITIALLY DEFERRED,
            level text NOT NULL,
            CHECK (parent_code IS NULL OR parent_code <> code)
        )
        """,
        "CREATE INDEX region_parent ON region(parent_code)",
        "CREATE INDEX region_name ON region(normalized_name)",
        """
        CREATE TABLE agency (
            id bigserial PRIMARY KEY,
            name text NOT NULL CHECK (name <> ''),
            normalized_name text NOT NULL UNIQUE,
            core_name text NOT NULL,
            name_key text NOT NULL,
            segments text NOT NULL,
            region_code text REFERENCES region(code),
            level text,
            parent_id bigint REFERENCES agency(id),
            listed boolean NOT NULL DEFAULT false,
            created_at text NOT NULL
        )
        """,
        "CREATE INDEX agency_key ON agency(name_key)",
        "CREATE INDEX agency_region ON agency(region_code)",
        """
        CREATE TABLE agency_alias (
            normalized_alias text PRIMARY KEY CHECK (normalized_alias <> ''),
            alias text NOT NULL,
            agency_id bigint NOT NULL REFERENCES agency(id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX agency_alias_agency ON agency_alias(agency_id)",
        """
        CREATE TABLE report (
            id bigserial PRIMARY KEY,
            agency_id bigint NOT NULL REFERENCES agency(id),
            year integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
            version integer NOT NULL CHECK (version >= 1),
            status text NOT NULL CHECK (status IN ('current', 'superseded')),
            template text CHECK (template IN ('2021', '2019')),
            content_hash text NOT NULL UNIQUE CHECK (length(content_hash) = 64),
            source_path text NOT NULL,
            source_format text NOT NULL,
            encoding text,
            title text,
            printed_agency text NOT NULL,
            publication_date text,
            errors integer NOT NULL CHECK (errors >= 0),
            warnings integer NOT NULL CHECK (warnings >= 0),
            notices integer NOT NULL CHECK (notices >= 0),
            ingested_at text NOT NULL,
            UNIQUE (agency_id, year, version)
        )
        """,
        "CREATE UNIQUE INDEX report_current ON report(agency_id, year) WHERE status = 'current'",
        "CREATE INDEX report_year ON report(year, status)",
        """
        CREATE TABLE figure_kind (
            id bigserial PRIMARY KEY,
            figure text NOT NULL,
            template text NOT NULL CHECK (template IN ('2021', '2019')),
            table_no integer NOT NULL CHECK (table_no IN (2, 3, 4)),
            table_name text NOT NULL,
            row_label text NOT NULL,
            column_label text NOT NULL,
            position integer NOT NULL,
            UNIQUE (figure, template)
        )
        """,
        """
        CREATE TABLE figure (
            report_id bigint NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            kind_id bigint NOT NULL REFERENCES figure_kind(id),
            value numeric,
            state text NOT NULL CHECK (state IN ('value', 'blank', 'unknown')),
            printed text,
            line integer,
            col integer,
            end_col integer,
            place jsonb,
            PRIMARY KEY (report_id, kind_id),
            CHECK ((state = 'value') = (value IS NOT NULL))
        )
        """,
        """
        CREATE TABLE section (
            id bigserial PRIMARY KEY,
            report_id bigint NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            position integer NOT NULL,
            kind text NOT NULL,
            printed_number integer,
            title text NOT NULL,
            text text NOT NULL,
            line integer,
            UNIQUE (report_id, position)
        )
        """,
        """
        CREATE TABLE finding (
            id bigserial PRIMARY KEY,
            report_id bigint NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            previous_report_id bigint REFERENCES report(id) ON DELETE CASCADE,
            scope text NOT NULL CHECK (scope IN ('report', 'cross-year')),
            code text NOT NULL,
            severity text NOT NULL CHECK (severity IN ('error', 'warning', 'notice')),
            table_no integer CHECK (table_no IN (2, 3, 4)),
            figures jsonb NOT NULL,
            message text NOT NULL,
            line integer,
            col integer,
            CHECK ((scope = 'cross-year') = (previous_report_id IS NOT NULL))
        )
        """,
        "CREATE INDEX finding_report ON finding(report_id, scope)",
        "CREATE INDEX finding_previous ON finding(previous_report_id)",
        """
        CREATE TABLE failure (
            content_hash text PRIMARY KEY CHECK (length(content_hash) = 64),
            source_path text NOT NULL,
            reason text NOT NULL,
            failed_at text NOT NULL
        )
        """,
    ]

    /// Every figure as one row with its report, agency and Chinese labels: what a researcher queries.
    static let figureLongView = """
        CREATE VIEW figure_long AS
        SELECT a.name AS agency, a.region_code AS region_code, r.year AS year, r.version AS version,
               r.status AS status, r.template AS template, r.source_path AS file, k.figure AS figure,
               k.table_name AS table_name, k.row_label AS row_label, k.column_label AS column_label,
               f.value AS value, f.state AS state, coalesce(f.printed, f.value::text, '') AS printed,
               f.line AS line, f.col AS col, r.id AS report_id, a.id AS agency_id
        FROM figure f
        JOIN report r ON r.id = f.report_id
        JOIN agency a ON a.id = r.agency_id
        JOIN figure_kind k ON k.id = f.kind_id
        """

    /// `figure_long` with the columns of the CSV outputs, in their order (`ReportCSV.header`, `Docs/data.md`), and
    /// the region's name. A view's columns cannot be renamed in place: it is dropped and made again.
    static let sharedColumnNames = [
        "DROP VIEW figure_long",
        """
        CREATE VIEW figure_long AS
        SELECT r.id AS report_id, a.id AS agency_id, a.name AS agency, a.region_code AS region_code,
               g.name AS region, r.year AS year, r.version AS version, r.status AS report_status,
               r.template AS template, r.source_path AS file, k.figure AS figure_id, k.table_name AS table_name,
               k.row_label AS row_label, k.column_label AS column_label, f.value AS value, f.state AS state,
               coalesce(f.printed, f.value::text, '') AS printed, f.line AS source_line, f.col AS source_column
        FROM figure f
        JOIN report r ON r.id = f.report_id
        JOIN agency a ON a.id = r.agency_id
        LEFT JOIN region g ON g.code = a.region_code
        JOIN figure_kind k ON k.id = f.kind_id
        """,
    ]

    /// Files an ingest is reading: taken by content hash, kept alive by a heartbeat, deleted with the stored result.
    static let ingestClaims = [
        """
        CREATE TABLE ingest_claim (
            content_hash text PRIMARY KEY,
            owner text NOT NULL,
            owner_pid integer NOT NULL,
            owner_started timestamptz,
            heartbeat timestamptz NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX ingest_claim_owner ON ingest_claim(owner)",
    ]

    /// A foreign key is checked by a trigger for each row: for the 200 figures of a report, two lookups each, about
    /// 2.5 ms of the server's time per report, more than the insert itself. The same guarantees, checked once per
    /// statement over all the rows it inserted, cost a fraction of that: a figure must name a stored report and a
    /// known cell, and deleting reports deletes their figures.
    static let figureReferencesPerStatement = [
        "ALTER TABLE figure DROP CONSTRAINT figure_report_id_fkey",
        "ALTER TABLE figure DROP CONSTRAINT figure_kind_id_fkey",
        """
        CREATE FUNCTION figure_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            named bigint;
        BEGIN
            -- Each report looked up by its key: a join with the inserted rows may be planned as a scan of every
            -- report, which grows with the corpus.
            FOR named IN SELECT DISTINCT report_id FROM added LOOP
                PERFORM 1 FROM report WHERE id = named;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'figure names a report or cell that does not exist' USING ERRCODE = '23503';
                END IF;
            END LOOP;
            IF EXISTS (SELECT 1 FROM added a WHERE NOT EXISTS (SELECT 1 FROM figure_kind k WHERE k.id = a.kind_id))
            THEN
                RAISE EXCEPTION 'figure names a report or cell that does not exist' USING ERRCODE = '23503';
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER figure_references AFTER INSERT ON figure REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION figure_references_exist()
        """,
        """
        CREATE TRIGGER figure_references_update AFTER UPDATE ON figure REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION figure_references_exist()
        """,
        """
        CREATE FUNCTION figure_delete_with_report() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            named bigint;
        BEGIN
            FOR named IN SELECT id FROM gone LOOP
                DELETE FROM figure WHERE report_id = named;
            END LOOP;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER report_deletes_figures AFTER DELETE ON report REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION figure_delete_with_report()
        """,
    ]

    static func insertFigureKinds(_ db: PostgresSession.Transaction) throws {
        let kinds = SQLiteSchema.figureKinds()
        for start in stride(from: 0, to: kinds.count, by: 500) {
            var bindings = PostgresBindings()
            var rows: [String] = []
            for kind in kinds[start..<min(kinds.count, start + 500)] {
                let base = bindings.count
                rows.append("(" + (1...7).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                bindings.append(kind.figure)
                bindings.append(kind.template)
                bindings.append(kind.tableNo)
                bindings.append(kind.tableName)
                bindings.append(kind.rowLabel)
                bindings.append(kind.columnLabel)
                bindings.append(kind.position)
            }
            try db.execute(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO figure_kind (figure, template, table_no, table_name, row_label, column_label, position)
                        VALUES \(rows.joined(separator: ", ")) ON CONFLICT (figure, template) DO NOTHING
                        """,
                    binds: bindings
                )
            )
        }
    }
}
#endif
