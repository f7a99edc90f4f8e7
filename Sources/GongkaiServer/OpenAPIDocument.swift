import Foundation

/// The OpenAPI 3.1 document of the JSON API, served at `/api/v1/openapi.yaml`. Written by hand; a test holds it to
/// the routes (``WebApp/apiRoutes``) and to Docs/schema/report.schema.json, and CI runs schemathesis against a live
/// server with it.
enum OpenAPIDocument {
    static let path = "/api/v1/openapi.yaml"

    /// The document: the paths and schemas below, with the checked report's schema (``reportSchema``) under
    /// `components/schemas/CheckedReport`, its own references pointed there.
    static let yaml: String = {
        let lines = reportSchema.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("  \"$schema\"") && !$0.hasPrefix("  \"$id\"")
        }
        let schema = lines.map { $0.isEmpty ? "" : "      " + $0 }.joined(separator: "\n")
            .replacingOccurrences(of: "\"#/$defs/", with: "\"#/components/schemas/CheckedReport/$defs/")
        return paths + "\n    CheckedReport:\n" + schema + "\n"
    }()

    /// A copy of Docs/schema/report.schema.json (a test keeps the two the same): the object `POST /api/v1/check`
    /// answers with, as `gongkai parse --format json` writes it.
    static let reportSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://gongkai.invalid/schema/2/report.schema.json",
          "title": "A report read and checked",
          "description": "One object of `gongkai parse --format json` (an array of these) or `--format jsonl` (one a line), of `gongkai check --format json`, of `gongkai rollup --format json`, and the `report` of each entry of `gongkai export --format json`. See Docs/data.md.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "schemaVersion",
            "file",
            "format",
            "encoding",
            "agency",
            "year",
            "template",
            "title",
            "publicationDate",
            "introduction",
            "sections",
            "figures",
            "unknown",
            "raw",
            "provenance",
            "tables",
            "findings",
            "summary"
          ],
          "properties": {
            "schemaVersion": {
              "const": 2,
              "description": "the version of the data shape the outputs share"
            },
            "file": {
              "type": "string",
              "description": "the path or name given; `<stdin>` for standard input"
            },
            "format": {
              "enum": [
                "text",
                "markdown",
                "html",
                "docx",
                "pdf",
                "data"
              ],
              "description": "the kind of file read"
            },
            "encoding": {
              "type": [
                "string",
                "null"
              ],
              "description": "the text encoding detected (`UTF-8`, `GB18030`, `UTF-16LE`)"
            },
            "agency": {
              "type": [
                "string",
                "null"
              ],
              "description": "the issuing agency as named in the title"
            },
            "year": {
              "type": [
                "integer",
                "null"
              ],
              "description": "the year reported on"
            },
            "template": {
              "enum": [
                "2021",
                "2019",
                null
              ],
              "description": "the national format: 2021 for reports on 2021 and later, 2019 for 2019 and 2020"
            },
            "title": {
              "type": [
                "string",
                "null"
              ]
            },
            "publicationDate": {
              "type": [
                "string",
                "null"
              ],
              "pattern": "^[0-9]{4,}-[0-9]{2}-[0-9]{2}$",
              "description": "the date printed at the foot, ISO 8601"
            },
            "introduction": {
              "type": "string",
              "description": "the text between the title and the first part (empty in an export: the corpus does not keep it)"
            },
            "sections": {
              "type": "array",
              "items": {
                "$ref": "#/$defs/section"
              }
            },
            "figures": {
              "type": "object",
              "propertyNames": {
                "$ref": "#/$defs/figureId"
              },
              "additionalProperties": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "description": "every cell the report prints, except those in `unknown`: a number (an integer, or a decimal for 万元 amounts), or null for a cell printed empty or with a non-number such as 「/」"
            },
            "unknown": {
              "type": "array",
              "items": {
                "$ref": "#/$defs/figureId"
              },
              "description": "cells the report prints whose value cannot be determined"
            },
            "raw": {
              "type": "object",
              "propertyNames": {
                "$ref": "#/$defs/figureId"
              },
              "additionalProperties": {
                "type": "string"
              },
              "description": "the printed text of the null figures that are not printed empty (「/」, 「-」, 「无」)"
            },
            "provenance": {
              "type": "object",
              "propertyNames": {
                "$ref": "#/$defs/figureId"
              },
              "additionalProperties": {
                "$ref": "#/$defs/provenance"
              },
              "description": "for every figure, unknown ones too: the printed text and where it was printed"
            },
            "tables": {
              "type": "array",
              "items": {
                "$ref": "#/$defs/table"
              }
            },
            "findings": {
              "type": "array",
              "items": {
                "$ref": "#/$defs/finding"
              }
            },
            "summary": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "errors",
                "warnings",
                "notices"
              ],
              "properties": {
                "errors": {
                  "type": "integer"
                },
                "warnings": {
                  "type": "integer"
                },
                "notices": {
                  "type": "integer"
                }
              },
              "description": "the number of findings of each severity"
            }
          },
          "$defs": {
            "figureId": {
              "type": "string",
              "pattern": "^t[234](\\.[a-z0-9_]+){2,}$",
              "description": "a cell of the national formats (Docs/figures.tsv): `t3.received.natural`"
            },
            "location": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "line": {
                  "type": "integer",
                  "description": "1-based line of a text source"
                },
                "column": {
                  "type": "integer",
                  "description": "1-based column, counted in characters"
                },
                "endColumn": {
                  "type": "integer",
                  "description": "the column just after the last character"
                },
                "endLine": {
                  "type": "integer",
                  "description": "the last line, when it is not `line`"
                },
                "tableIndex": {
                  "type": "integer",
                  "description": "1-based table of an HTML or Word source"
                },
                "rowIndex": {
                  "type": "integer",
                  "description": "1-based row of that table"
                },
                "cellIndex": {
                  "type": "integer",
                  "description": "1-based cell of that row"
                },
                "page": {
                  "type": "integer",
                  "description": "1-based page of a PDF"
                },
                "box": {
                  "type": "array",
                  "items": {
                    "type": "number"
                  },
                  "minItems": 4,
                  "maxItems": 4,
                  "description": "x0, y0, x1, y1 on the PDF page, in points from the top-left corner"
                }
              },
              "description": "where something was printed; the fields the source has"
            },
            "optionalLocation": {
              "anyOf": [
                {
                  "$ref": "#/$defs/location"
                },
                {
                  "type": "null"
                }
              ]
            },
            "provenance": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "text"
              ],
              "properties": {
                "text": {
                  "type": "string",
                  "description": "the text printed in the cell"
                },
                "line": {
                  "type": "integer",
                  "description": "1-based line of a text source"
                },
                "column": {
                  "type": "integer",
                  "description": "1-based column, counted in characters"
                },
                "endColumn": {
                  "type": "integer",
                  "description": "the column just after the last character"
                },
                "endLine": {
                  "type": "integer",
                  "description": "the last line, when it is not `line`"
                },
                "tableIndex": {
                  "type": "integer",
                  "description": "1-based table of an HTML or Word source"
                },
                "rowIndex": {
                  "type": "integer",
                  "description": "1-based row of that table"
                },
                "cellIndex": {
                  "type": "integer",
                  "description": "1-based cell of that row"
                },
                "page": {
                  "type": "integer",
                  "description": "1-based page of a PDF"
                },
                "box": {
                  "type": "array",
                  "items": {
                    "type": "number"
                  },
                  "minItems": 4,
                  "maxItems": 4,
                  "description": "x0, y0, x1, y1 on the PDF page, in points from the top-left corner"
                }
              }
            },
            "section": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "kind",
                "number",
                "printedNumber",
                "title",
                "text",
                "location"
              ],
              "properties": {
                "kind": {
                  "enum": [
                    "overview",
                    "proactive",
                    "applications",
                    "litigation",
                    "problems",
                    "otherMatters",
                    "extra"
                  ]
                },
                "number": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "description": "the part's place in the format (1–6); null for a part the format does not have"
                },
                "printedNumber": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "description": "the number printed before its title"
                },
                "title": {
                  "type": "string"
                },
                "text": {
                  "type": "string"
                },
                "location": {
                  "$ref": "#/$defs/optionalLocation"
                }
              }
            },
            "table": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "table",
                "location",
                "rows"
              ],
              "properties": {
                "table": {
                  "enum": [
                    2,
                    3,
                    4
                  ],
                  "description": "表二, 表三 or 表四"
                },
                "location": {
                  "$ref": "#/$defs/optionalLocation"
                },
                "rows": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/row"
                  }
                }
              }
            },
            "row": {
              "description": "a printed row and whether its values could be read (in an export every row is `complete`: the corpus keeps no row states)",
              "oneOf": [
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "complete"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "blank"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "printed",
                    "expected",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "fewer-values"
                    },
                    "printed": {
                      "type": "integer"
                    },
                    "expected": {
                      "type": "integer"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "printed",
                    "expected",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "more-values"
                    },
                    "printed": {
                      "type": "integer"
                    },
                    "expected": {
                      "type": "integer"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "digits",
                    "solutions",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "ambiguous-digits"
                    },
                    "digits": {
                      "type": "string"
                    },
                    "solutions": {
                      "type": "integer"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "printed",
                    "columns",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "detached-value"
                    },
                    "printed": {
                      "type": "string"
                    },
                    "columns": {
                      "type": "integer"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "rows",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "unlabeled-values"
                    },
                    "rows": {
                      "type": "integer"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                },
                {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "row",
                    "label",
                    "state",
                    "location"
                  ],
                  "properties": {
                    "row": {
                      "type": "string",
                      "description": "the row's key in the figure ids (`received`, `denied.state_secret`)"
                    },
                    "label": {
                      "type": "string",
                      "description": "the label as printed"
                    },
                    "state": {
                      "const": "unconfirmed-ocr"
                    },
                    "location": {
                      "$ref": "#/$defs/optionalLocation"
                    }
                  }
                }
              ]
            },
            "finding": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "code",
                "severity",
                "table",
                "figures",
                "values",
                "message",
                "location"
              ],
              "properties": {
                "code": {
                  "type": "string",
                  "description": "a rule (`R1`, `R2`, …) or a named check (`missing-row`)"
                },
                "severity": {
                  "enum": [
                    "error",
                    "warning",
                    "notice"
                  ]
                },
                "table": {
                  "enum": [
                    2,
                    3,
                    4,
                    null
                  ]
                },
                "figures": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/figureId"
                  },
                  "description": "the cells involved"
                },
                "values": {
                  "type": "object",
                  "propertyNames": {
                    "$ref": "#/$defs/figureId"
                  },
                  "additionalProperties": {
                    "type": [
                      "number",
                      "null"
                    ]
                  },
                  "description": "their values, unknown ones left out"
                },
                "message": {
                  "type": "string"
                },
                "location": {
                  "$ref": "#/$defs/optionalLocation"
                }
              }
            }
          }
        }
        """#

    static let paths = #"""
        openapi: 3.1.0
        info:
          title: Gongkai 政府信息公开工作年度报告 API
          version: "1"
          summary: 报告库中的报告、数字、问题和机关，以及检查一份报告。
          description: |
            The JSON API of `gongkai serve`: the same data the pages show. Every answer of a stored resource carries
            `schemaVersion`; a field that changes meaning or disappears bumps it. Errors are `{"error": {"message": …}}` with a
            sentence in Chinese. Figure ids (`t3.received.natural`, …) are those of Docs/figures.tsv; a figure is a number,
            or null when the report prints the cell empty or not as a number; figures that cannot be determined are listed
            in `unknown` instead.
          license:
            name: See the project's LICENSE file
        servers:
          - url: /
        tags:
          - name: reports
            description: 报告库中的报告
          - name: agencies
            description: 机关与未报送名单
          - name: check
            description: 检查一份报告（不入库）
        paths:
          /api/v1/reports:
            get:
              tags: [reports]
              operationId: listReports
              summary: 报告库：筛选、排序、分页
              description: The 报告库 page's filters; all of them optional.
              parameters:
                - $ref: "#/components/parameters/Year"
                - name: region
                  in: query
                  description: A region's code or name; the region and every region under it.
                  schema: {type: string, maxLength: 200}
                - name: agency
                  in: query
                  description: Text in an agency's name or one of its aliases.
                  schema: {type: string, maxLength: 200}
                - name: template
                  in: query
                  description: The national format the report follows.
                  schema: {type: string, enum: ["2021", "2019"]}
                - name: findings
                  in: query
                  description: "errors: with errors; warnings: warnings but no errors; clean: neither."
                  schema: {type: string, enum: [errors, warnings, clean]}
                - name: sort
                  in: query
                  description: "year (newest first, the default), agency (by name) or errors (most first)."
                  schema: {type: string, enum: [year, agency, errors]}
                - name: page
                  in: query
                  schema: {type: integer, minimum: 1, maximum: 1000000, default: 1}
                - name: per_page
                  in: query
                  schema: {type: integer, minimum: 1, maximum: 200}
              responses:
                "200":
                  description: One page of the reports that match, with counts over all of them.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/ReportList"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/RegionNotFound"}
          /api/v1/reports/{id}:
            get:
              tags: [reports]
              operationId: getReport
              summary: 一份报告：数字和问题
              parameters:
                - $ref: "#/components/parameters/ID"
              responses:
                "200":
                  description: The report's figures, the figures that could not be determined, and its findings.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/ReportDetail"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/v1/agencies:
            get:
              tags: [agencies]
              operationId: searchAgencies
              summary: 按名称或别名查找机关
              parameters:
                - name: q
                  in: query
                  description: Text in the agency's name or an alias; all agencies when left out.
                  schema: {type: string, maxLength: 100}
              responses:
                "200":
                  description: The agencies that match, by name, at most 200; `total` counts them all.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/AgencyList"}
                "400": {$ref: "#/components/responses/BadRequest"}
          /api/v1/agencies/{id}:
            get:
              tags: [agencies]
              operationId: getAgency
              summary: 一个机关：各年度报告和问题
              parameters:
                - $ref: "#/components/parameters/ID"
              responses:
                "200":
                  description: The agency, every stored version of its reports, and the findings of each year's current one.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/AgencyDetail"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/v1/missing:
            get:
              tags: [agencies]
              operationId: listMissing
              summary: 未报送：应报送而无报告的机关
              parameters:
                - $ref: "#/components/parameters/Year"
                - name: region
                  in: query
                  description: A region's code or name; the region and every region under it.
                  schema: {type: string, maxLength: 200}
              responses:
                "200":
                  description: The agencies the imported list says must report and that have no report on the year.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Missing"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/RegionNotFound"}
          /api/v1/rollup:
            get:
              tags: [reports]
              operationId: getRollup
              summary: 汇总：一个地区（含下级地区）一个年度
              description: |
                表二, 表三 and 表四 summed over the current reports of the region's agencies and the regions below it, as
                `gongkai rollup` does; `incomplete` counts, for each figure, the reports that did not give it.
              parameters:
                - name: region
                  in: query
                  required: true
                  description: A region's code or name.
                  schema: {type: string, minLength: 1, maxLength: 200, pattern: "\\S"}
                - name: year
                  in: query
                  required: true
                  schema: {type: integer, minimum: 1990, maximum: 2200}
              responses:
                "200":
                  description: The sums, the reports summed and left out, the agencies missing, and the sums' findings.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Rollup"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/RegionNotFound"}
          /api/v1/stats:
            get:
              tags: [reports]
              operationId: getStatistics
              summary: 统计图的数字
              description: |
                The numbers of the 统计图 page: each year's sums of the reports' main totals (`sums`, with `counted` the
                reports that gave each), the rates worked out from them, the reports with each rule's findings, and a
                ranking of agencies or regions by a rate on the last year, for those whose denominator reaches `min`.
              parameters:
                - name: region
                  in: query
                  description: A region's code or name; the whole corpus when left out.
                  schema: {type: string, maxLength: 200}
                - name: from
                  in: query
                  schema: {type: integer, minimum: 1990, maximum: 2200}
                - name: to
                  in: query
                  schema: {type: integer, minimum: 1990, maximum: 2200}
                - name: rank
                  in: query
                  description: What the ranking ranks (regions below the region by default for the whole corpus, else agencies).
                  schema: {type: string, enum: [agency, region]}
                - name: measure
                  in: query
                  schema: {type: string, enum: [disclosure, denied, unable, not_processed, review_correction, suit_correction]}
                - name: min
                  in: query
                  description: The smallest denominator a rate is ranked for.
                  schema: {type: integer, minimum: 1, maximum: 1000000, default: 20}
              responses:
                "200":
                  description: The numbers the page draws.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Statistics"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/RegionNotFound"}
          /api/v1/check:
            post:
              tags: [check]
              operationId: checkReport
              summary: 检查一份报告（不入库）
              description: |
                The request body is the report file itself — text, Markdown, HTML, Word (.docx, .doc), PDF, or a data file
                (YAML, JSON) — at most 32 MB. It is read in a worker process and checked; nothing is stored. The answer is
                one object of `gongkai parse --format json` (Docs/schema/report.schema.json).
              parameters:
                - name: name
                  in: query
                  description: The file's name, used in messages and provenance.
                  schema: {type: string, maxLength: 200}
              requestBody:
                required: true
                content:
                  application/octet-stream:
                    schema: {type: string, minLength: 1, contentMediaType: application/octet-stream}
                  text/plain:
                    schema: {type: string, minLength: 1}
              responses:
                "200":
                  description: The report as read, with its findings.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/CheckedReport"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "413": {$ref: "#/components/responses/TooLarge"}
                "422": {$ref: "#/components/responses/Unreadable"}
                "503": {$ref: "#/components/responses/Busy"}
          /api/v1/openapi.yaml:
            get:
              operationId: getOpenAPIDocument
              summary: 本文档
              responses:
                "200":
                  description: This document.
                  content:
                    application/yaml:
                      schema: {type: string}
        components:
          parameters:
            ID:
              name: id
              in: path
              required: true
              schema: {type: integer, format: int64, minimum: 1}
            Year:
              name: year
              in: query
              description: The year the report is on (for 未报送, the latest year stored when left out).
              schema: {type: integer, minimum: 1990, maximum: 2200}
          responses:
            BadRequest:
              description: A parameter or the body cannot be used; the message says what is expected.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            NotFound:
              description: No such report or agency.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            RegionNotFound:
              description: The region the filter names is not in the imported region tree.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            TooLarge:
              description: The body is larger than 32 MB.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Unreadable:
              description: The file cannot be read as a report (empty, binary, not a report, before 2019, …).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Busy:
              description: Every reader is busy and the queue is full; try again later.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
          schemas:
            Error:
              type: object
              additionalProperties: false
              required: [error]
              properties:
                error:
                  type: object
                  additionalProperties: false
                  required: [message]
                  properties:
                    message: {type: string, description: One sentence in Chinese.}
            SchemaVersion:
              const: 1
              description: The version of the API's answers.
            Region:
              type: object
              additionalProperties: false
              required: [code]
              properties:
                code: {type: string}
                name: {type: [string, "null"]}
            AgencyRef:
              type: object
              additionalProperties: false
              required: [id, name]
              properties:
                id: {type: integer, format: int64}
                name: {type: string}
            ReportSummary:
              type: object
              additionalProperties: false
              required: [id, agency, printedAgency, year, version, current, sourcePath, sourceFormat, errors, warnings,
                notices]
              properties:
                id: {type: integer, format: int64}
                agency: {$ref: "#/components/schemas/AgencyRef"}
                region: {$ref: "#/components/schemas/Region"}
                printedAgency: {type: string, description: The agency's name as the report prints it.}
                year: {type: integer}
                version: {type: integer, minimum: 1, description: "1 for the first file stored on the year, 2 for the next, …"}
                current: {type: boolean, description: True for the version the year counts.}
                template: {type: string, enum: ["2021", "2019"]}
                sourcePath: {type: string}
                sourceFormat: {type: string}
                publicationDate: {type: string, description: "As printed, normalised to YYYY-MM-DD."}
                errors: {type: integer, minimum: 0}
                warnings: {type: integer, minimum: 0}
                notices: {type: integer, minimum: 0}
            ReportList:
              type: object
              additionalProperties: false
              required: [schemaVersion, total, withErrors, errors, warnings, page, perPage, reports]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                total: {type: integer, minimum: 0, description: Reports that match.}
                withErrors: {type: integer, minimum: 0, description: "Of them, reports with at least one error."}
                errors: {type: integer, minimum: 0, description: Errors found in them.}
                warnings: {type: integer, minimum: 0}
                page: {type: integer, minimum: 1}
                perPage: {type: integer, minimum: 1}
                reports:
                  type: array
                  items: {$ref: "#/components/schemas/ReportSummary"}
            Finding:
              type: object
              additionalProperties: false
              required: [scope, code, severity, message, figures]
              properties:
                scope: {type: string, enum: [report, cross-year], description: "cross-year: found against last year's report."}
                code: {type: string, description: "The rule: R1 … R12, blank-cell, template, …"}
                severity: {type: string, enum: [error, warning, notice]}
                table: {type: integer, enum: [2, 3, 4]}
                message: {type: string, description: The finding in Chinese.}
                line: {type: integer, minimum: 1}
                column: {type: integer, minimum: 1}
                figures:
                  type: array
                  items: {type: string}
                  description: The ids of the cells the finding is about.
            ReportDetail:
              type: object
              additionalProperties: false
              required: [schemaVersion, report, figures, unknown, findings]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                report: {$ref: "#/components/schemas/ReportSummary"}
                figures:
                  type: object
                  description: Figure id → the number printed, or null for a cell printed empty or not as a number.
                  additionalProperties: {type: [number, "null"]}
                unknown:
                  type: array
                  items: {type: string}
                  description: The figures the report has that could not be determined.
                findings:
                  type: array
                  items: {$ref: "#/components/schemas/Finding"}
            Rollup:
              type: object
              additionalProperties: false
              required: [schemaVersion, region, year, template, figures, incomplete, included, excluded, missing, unreadable,
                findings]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                region:
                  type: object
                  additionalProperties: false
                  required: [code, name]
                  properties:
                    code: {type: string}
                    name: {type: string}
                year: {type: integer}
                template: {type: string, enum: ["2021", "2019"]}
                figures:
                  type: object
                  description: Figure id → the sum.
                  additionalProperties: {type: number}
                incomplete:
                  type: object
                  description: Figure id → how many reports summed did not give it.
                  additionalProperties: {type: integer, minimum: 0}
                included:
                  type: array
                  items: {$ref: "#/components/schemas/RollupReport"}
                excluded:
                  type: array
                  description: Reports left out (another format than the sum's).
                  items: {$ref: "#/components/schemas/RollupReport"}
                missing:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [agency]
                    properties:
                      agency: {type: string}
                      regionCode: {type: string}
                      region: {type: string}
                unreadable:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [file, reason]
                    properties:
                      file: {type: string}
                      reason: {type: string}
                findings:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [code, severity, message, figures]
                    properties:
                      code: {type: string}
                      severity: {type: string, enum: [error, warning, notice]}
                      table: {type: integer, enum: [2, 3, 4]}
                      message: {type: string}
                      figures:
                        type: array
                        items: {type: string}
            RollupReport:
              type: object
              additionalProperties: false
              required: [reportId, agencyId, agency]
              properties:
                reportId: {type: integer, format: int64}
                agencyId: {type: integer, format: int64}
                agency: {type: string}
                regionCode: {type: string}
            Statistics:
              type: object
              additionalProperties: false
              required: [schemaVersion, years, rules, ranking]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                region:
                  type: object
                  additionalProperties: false
                  required: [code, name]
                  properties:
                    code: {type: string}
                    name: {type: string}
                from: {type: integer}
                to: {type: integer}
                years:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [year, reports, sums, counted, rates]
                    properties:
                      year: {type: integer}
                      reports: {type: integer, minimum: 0}
                      sums:
                        type: object
                        description: "Measure (received_natural, handled, granted, review_corrected, …) → the sum."
                        additionalProperties: {type: number}
                      counted:
                        type: object
                        description: Measure → the reports that gave it.
                        additionalProperties: {type: integer, minimum: 0}
                      rates:
                        type: object
                        description: Rate → its value from 0 to 1, or null when its denominator is 0 or not given.
                        additionalProperties: {type: [number, "null"]}
                rules:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [code, severity, reports, findings]
                    properties:
                      code: {type: string}
                      severity: {type: string, enum: [error, warning, notice]}
                      reports: {type: integer, minimum: 0}
                      findings: {type: integer, minimum: 0}
                ranking:
                  type: object
                  additionalProperties: false
                  required: [by, measure, minimum, ranked, tooFew]
                  properties:
                    year: {type: integer}
                    by: {type: string, enum: [agency, region]}
                    measure: {type: string}
                    minimum: {type: integer, minimum: 1}
                    ranked:
                      type: array
                      items:
                        type: object
                        additionalProperties: false
                        required: [rate, numerator, denominator]
                        properties:
                          key: {type: string}
                          name: {type: string}
                          rate: {type: number}
                          numerator: {type: number}
                          denominator: {type: number}
                    tooFew:
                      type: array
                      items:
                        type: object
                        additionalProperties: false
                        required: [denominator]
                        properties:
                          key: {type: string}
                          name: {type: string}
                          denominator: {type: number}
            Agency:
              type: object
              additionalProperties: false
              required: [id, name, listed]
              properties:
                id: {type: integer, format: int64}
                name: {type: string}
                region: {$ref: "#/components/schemas/Region"}
                listed: {type: boolean, description: True when the imported list says the agency must publish a report.}
            AgencyList:
              type: object
              additionalProperties: false
              required: [schemaVersion, total, agencies]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                total: {type: integer, minimum: 0}
                agencies:
                  type: array
                  maxItems: 200
                  items: {$ref: "#/components/schemas/Agency"}
            AgencyDetail:
              type: object
              additionalProperties: false
              required: [schemaVersion, agency, reports, findings]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                agency: {$ref: "#/components/schemas/Agency"}
                reports:
                  type: array
                  description: Every stored version, newest year first.
                  items: {$ref: "#/components/schemas/ReportSummary"}
                findings:
                  type: array
                  description: The findings of each year's current report.
                  items:
                    type: object
                    additionalProperties: false
                    required: [year, reportID, findings]
                    properties:
                      year: {type: integer}
                      reportID: {type: integer, format: int64}
                      findings:
                        type: array
                        items: {$ref: "#/components/schemas/Finding"}
            Missing:
              type: object
              additionalProperties: false
              required: [schemaVersion, regionsImported, agencies]
              properties:
                schemaVersion: {$ref: "#/components/schemas/SchemaVersion"}
                year: {type: [integer, "null"], description: Null when nothing is stored and no year was asked for.}
                region: {type: string}
                regionsImported: {type: boolean, description: False until a list of the agencies that must report is imported.}
                agencies:
                  type: array
                  items: {$ref: "#/components/schemas/Agency"}
        """#
}
