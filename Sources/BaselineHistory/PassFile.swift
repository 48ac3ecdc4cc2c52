import Foundation

/// The PostgreSQL password file, read as libpq reads it: `PGPASSFILE`, else `~/.pgpass`; lines
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped, `#`
/// comments; the first matching line wins. A file that others may read (any group or other
/// permission bit) is ignored, with a warning, as libpq ignores it.
enum PassFile {
  /// The password for `location`, or `nil`; `warnings` gets why a file was ignored.
  static func password(
    for location: PostgresLocation, environment: [String: String], warnings: inout [String]
  ) -> String? {
    let path =
      environment["PGPASSFILE"]
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    if status.st_mode & 0o077 != 0 {
      warnings.append(
        "password file \(path) may be read by others (chmod 600 it): ignored, as libpq does")
      return nil
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let wanted = [location.host, String(location.port), location.database, location.user]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = self.fields(String(line))
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
        return fields[4]
      }
    }
    return nil
  }

  /// A line's fields, split at unescaped `:` with `\:` and `\\` read as `:` and `\`.
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" && fields.count < 4 {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
