/// Rows of a CSV text (RFC 4180), each with the line it starts on.
struct CSVRows {
  /// One row.
  struct Row {
    let line: Int
    let fields: [String]
  }

  /// Splits `text` into rows and fields: fields separated by commas, rows by LF or CRLF, a
  /// field in double quotes may hold commas, line breaks and `""` for a quote.
  /// - Throws: ``InputError`` at a quote left open, or a character after a closing quote.
  static func parse(_ text: String, shown: String) throws(InputError) -> [Row] {
    var rows: [Row] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var column = 0
    var rowLine = 1
    var quoted = false
    var afterQuote = false
    var quoteStart = (line: 1, column: 1)
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func endRow() {
      fields.append(field)
      rows.append(Row(line: rowLine, fields: fields))
      fields = []
      field = ""
      afterQuote = false
    }
    while let scalar = pending ?? iterator.next() {
      pending = nil
      column += 1
      if quoted {
        if scalar == "\"" {
          if let next = iterator.next() {
            if next == "\"" {
              field.unicodeScalars.append("\"")
              column += 1
              continue
            }
            pending = next
          }
          quoted = false
          afterQuote = true
        } else {
          field.unicodeScalars.append(scalar)
          if scalar == "\n" {
            line += 1
            column = 0
          }
        }
        continue
      }
      switch scalar {
      case ",":
        fields.append(field)
        field = ""
        afterQuote = false
      case "\r":
        continue
      case "\n":
        endRow()
        line += 1
        column = 0
        rowLine = line
      case "\"" where field.isEmpty && !afterQuote:
        quoted = true
        quoteStart = (line, column)
      default:
        if afterQuote {
          throw InputError(
            file: shown, line: line, column: column,
            message: "expected a comma or the end of the line after a closing quote")
        }
        field.unicodeScalars.append(scalar)
      }
    }
    if quoted {
      throw InputError(
        file: shown, line: quoteStart.line, column: quoteStart.column,
        message: "a quote opened here is never closed")
    }
    if !field.isEmpty || !fields.isEmpty || afterQuote { endRow() }
    return rows
  }
}
