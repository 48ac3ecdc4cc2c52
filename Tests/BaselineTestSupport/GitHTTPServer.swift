public import Foundation

/// A real `git http-backend` behind a small web server with basic authentication, on a
/// loopback port, for tests of `http://` URLs and tokens: Python's `http.server` runs the CGI
/// program for every request that carries the right `Authorization`, and answers 401 to the
/// others. Stopped with the value.
public final class GitHTTPServer {
  private let server: LoopbackServer
  /// The loopback port it listens on.
  public var port: Int { server.port }

  /// The server, as a Python program: root, user, token and port file are its arguments.
  static let program = #"""
    import base64, os, subprocess, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    root, user, token, portfile = sys.argv[1:5]
    expected = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass
        def body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        def serve(self):
            data = self.body()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path, _, query = self.path.partition("?")
            env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL="1",
                       PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD=self.command,
                       CONTENT_TYPE=self.headers.get("Content-Type", ""),
                       CONTENT_LENGTH=str(len(data)), REMOTE_USER=user, REMOTE_ADDR="127.0.0.1",
                       HTTP_GIT_PROTOCOL=self.headers.get("Git-Protocol", ""))
            out = subprocess.run(["git", "http-backend"], input=data, env=env,
                                 capture_output=True).stdout
            sep = b"\r\n\r\n" if b"\r\n\r\n" in out else b"\n\n"
            head, _, payload = out.partition(sep)
            status, headers = 200, []
            for line in head.decode().splitlines():
                key, _, value = line.partition(":")
                if key.lower() == "status":
                    status = int(value.split()[0])
                elif key:
                    headers.append((key, value.strip()))
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        do_GET = serve
        do_POST = serve
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()
    """#

  /// Starts a server for every repository below `root`, for `user` with `token`.
  /// - Throws: when it does not start within five seconds.
  public init(serving root: URL, user: String, token: String) throws {
    server = try LoopbackServer(
      python: Self.program, arguments: [root.path, user, token],
      in: root.deletingLastPathComponent())
  }

  /// The `http://` URL of the repository `name` below the root.
  public func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }
}
