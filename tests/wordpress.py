"""A real WordPress on loopback for the publishing tests, from Debian's packages.

A private MariaDB (`mariadb-install-db` into a temporary folder, reached only by its socket),
`/etc/wordpress/config-127.0.0.1.php` that reads where that database and the site's content
folder are from the environment (so the one file serves every run), PHP's built-in server with
a small router in front of `/usr/share/wordpress`, and a PHP command-line script that installs
the site and makes an application password. `stop()` ends only the processes it started.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

WORDPRESS_DIR = Path("/usr/share/wordpress")
CONFIG = Path("/etc/wordpress/config-127.0.0.1.php")
PACKAGES = ("wordpress", "mariadb-server", "php-cli")
MARK = "EditorDesk tests (tests/wordpress.py)"

CONFIG_TEXT = f"""<?php
// Written by {MARK}: a WordPress on loopback whose database and
// content folder a test run names in its environment. Nothing else uses 127.0.0.1.
$editordesk_dir = getenv('EDITORDESK_WP_DIR');
if (!$editordesk_dir) {{
    header('HTTP/1.0 404 Not Found');
    echo 'This is the test site of EditorDesk; EDITORDESK_WP_DIR is not set.';
    exit(1);
}}
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . $editordesk_dir . '/mysql.sock');
define('WP_CONTENT_DIR', $editordesk_dir . '/wp-content');
define('WP_CONTENT_URL', getenv('EDITORDESK_WP_URL') . '/wp-content');
define('WP_HOME', getenv('EDITORDESK_WP_URL'));
define('WP_SITEURL', getenv('EDITORDESK_WP_URL'));
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT',
          'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $editordesk_key) {{
    define($editordesk_key, 'editordesk-test-' . $editordesk_key);
}}
"""

# Serves uploads from the run's content folder, WordPress's own files from the package, and
# every other address through index.php (pretty permalinks, so /wp-json/ works). With a file
# `moved` in the content folder, every POST is redirected, as a site that moved answers.
ROUTER = r"""<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$content = getenv('EDITORDESK_WP_DIR') . '/wp-content';
if (strpos($path, '/wp-content/') === 0) {
    $file = realpath($content . substr($path, strlen('/wp-content')));
    if ($file && strpos($file, realpath($content)) === 0 && is_file($file)) {
        header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream'));
        readfile($file);
        return true;
    }
    http_response_code(404);
    return true;
}
if (file_exists($content . '/moved') && $_SERVER['REQUEST_METHOD'] === 'POST') {
    header('Location: ' . $_SERVER['REQUEST_URI'], true, 301);  // as a moved site answers
    return true;
}
if ($path !== '/' && file_exists('/usr/share/wordpress' . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require '/usr/share/wordpress/index.php';
"""

# A must-use plugin the tests steer with files in the content folder: `rest-off` switches the
# REST API off as the plugins that do so answer; `fail-5xx` makes every REST call a server
# error carrying the file's text as the site's own message; `slow-posts` answers a new post
# three seconds after making it.
MU_PLUGIN = r"""<?php
add_filter('rest_authentication_errors', function ($result) {
    if (file_exists(WP_CONTENT_DIR . '/rest-off')) {
        return new WP_Error('rest_disabled', 'The REST API is disabled on this site.',
                            array('status' => 404));
    }
    return $result;
}, 99);
add_action('rest_after_insert_post', function () {
    if (file_exists(WP_CONTENT_DIR . '/slow-posts')) {
        sleep(3);  // the post is made; its answer comes late
    }
});
add_filter('rest_pre_dispatch', function ($result) {
    $file = WP_CONTENT_DIR . '/fail-5xx';
    if (file_exists($file)) {
        return new WP_Error('db_down', trim(file_get_contents($file)), array('status' => 503));
    }
    return $result;
}, 99);
"""

INSTALL = r"""<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('EditorDesk test site', 'admin', 'admin@example.invalid', false, '', 'admin-pass');
update_option('permalink_structure', '/%postname%/');
$out = array();
foreach (array('admin' => 'administrator', 'contrib' => 'contributor') as $login => $role) {
    $id = username_exists($login);
    if (!$id) {
        $id = wp_insert_user(array('user_login' => $login, 'user_pass' => $login . '-pass',
                                   'user_email' => $login . '@example.invalid', 'role' => $role));
    }
    $made = WP_Application_Passwords::create_new_application_password(
        $id, array('name' => 'editordesk-tests'));
    $out[$login] = array('id' => $id, 'password' => $made[0], 'uuid' => $made[1]['uuid']);
}
echo json_encode($out);
"""

PHP_RUN = r"""<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
$result = (function () { %s })();
echo json_encode($result);
"""


def missing() -> str | None:
    """Why a WordPress cannot be started here, or None."""
    needs = {
        "wordpress": WORDPRESS_DIR / "wp-settings.php",
        "mariadb-server": shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin"),
        "php-cli": shutil.which("php"),
    }
    absent = [name for name, found in needs.items() if not found or not Path(found).exists()]
    if absent:
        return "Debian packages missing: " + ", ".join(absent)
    if CONFIG.exists() and MARK not in CONFIG.read_text(encoding="utf-8", errors="replace"):
        return f"{CONFIG} exists and is not the tests' own; not touching it"
    if not CONFIG.exists() and not os.access(CONFIG.parent, os.W_OK):
        return f"cannot write {CONFIG} (run as root, as CI does)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(check: object, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


@dataclass
class Server:
    """One `php -S` in front of the site (a site may have several, with other PHP limits)."""

    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """End this server and its workers (a process group of its own, started by us)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # workers left behind


@dataclass
class WordPress:
    """A running test site: its address, users and application passwords."""

    root: Path
    port: int
    mariadb: subprocess.Popen[bytes] | None = None
    servers: list[Server] = field(default_factory=list)
    users: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def content(self) -> Path:
        return self.root / "wp-content"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["EDITORDESK_WP_DIR"] = str(self.root)
        env["EDITORDESK_WP_URL"] = self.url
        return env

    def password(self, login: str = "admin") -> str:
        return str(self.users[login]["password"])

    # starting

    @classmethod
    def start(cls) -> WordPress:
        root = Path(tempfile.mkdtemp(prefix="edwp-"))  # short: a socket path has 108 bytes
        site = cls(root=root, port=free_port())
        try:
            site._start_database()
            site._write_files()
            site.users = json.loads(site._php_file(INSTALL))
            site.serve(site.port)
        except BaseException:
            site.stop()
            raise
        return site

    def _start_database(self) -> None:
        data = self.root / "db"
        subprocess.run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *(["--user=root"] if os.geteuid() == 0 else []),
            ],
            check=True,
            capture_output=True,
        )
        mariadbd = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        self.mariadb = subprocess.Popen(
            [
                mariadbd,
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={self.root / 'mysql.sock'}",
                f"--pid-file={self.root / 'mysql.pid'}",
                f"--log-error={self.root / 'mysql.log'}",
                "--skip-networking",
                *(["--user=root"] if os.geteuid() == 0 else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(lambda: (self.root / "mysql.sock").exists(), "MariaDB")
        self.sql("CREATE DATABASE wordpress")

    def sql(self, statement: str) -> str:
        done = subprocess.run(
            ["mariadb", "--no-defaults", "-S", str(self.root / "mysql.sock"), "-u", "root"],
            input=statement.encode(),
            check=True,
            capture_output=True,
        )
        return done.stdout.decode()

    def _write_files(self) -> None:
        if not CONFIG.exists() or CONFIG.read_text(encoding="utf-8") != CONFIG_TEXT:
            CONFIG.write_text(CONFIG_TEXT, encoding="utf-8")
        (self.content / "mu-plugins").mkdir(parents=True)
        (self.content / "uploads").mkdir()
        (self.content / "mu-plugins" / "editordesk-tests.php").write_text(MU_PLUGIN)
        (self.root / "router.php").write_text(ROUTER)

    def _php_file(self, code: str) -> str:
        script = self.root / f"run-{time.monotonic_ns()}.php"
        script.write_text(code)
        try:
            done = subprocess.run(
                ["php", str(script)], env=self.env(), capture_output=True, check=False
            )
        finally:
            script.unlink()
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            raise RuntimeError(f"php failed: {out[-2000:]} {done.stderr.decode()[-2000:]}")
        return out[out.find("{") if out.lstrip().startswith("{") else 0 :]

    def php(self, body: str) -> object:
        """Run PHP inside the loaded site; `body` returns a value, which comes back as JSON."""
        out = self._php_file(PHP_RUN % body)
        return json.loads(out[out.rfind("\n") + 1 :] if "\n" in out.strip() else out)

    def serve(self, port: int, **ini: str) -> Server:
        """Start `php -S` on `port`, with PHP settings of its own (upload_max_filesize…)."""
        args = ["php"]
        for key, value in ini.items():
            args += ["-d", f"{key}={value}"]
        args += ["-S", f"127.0.0.1:{port}", "-t", str(WORDPRESS_DIR), str(self.root / "router.php")]
        env = self.env()
        env["PHP_CLI_SERVER_WORKERS"] = "2"
        process = subprocess.Popen(
            args,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its workers share its group, so stop() ends them all
        )
        server = Server(port, process)
        self.servers.append(server)

        def up() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"php -S on port {port} exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"{server.url}/wp-json/", timeout=5) as reply:
                    return reply.status == 200
            except (urllib.error.URLError, OSError):
                return False

        _wait(up, f"php -S on port {port}")
        return server

    # steering the site from a test

    def revoke(self, login: str) -> None:
        user = self.users[login]
        self.php(
            f"return WP_Application_Passwords::delete_application_password("
            f"{int(user['id'])}, {json.dumps(str(user['uuid']))});"  # type: ignore[call-overload]
        )

    def add_user(self, login: str, role: str = "administrator") -> str:
        """A new account with an application password (the password)."""
        made = self.php(
            f"$id = wp_insert_user(array('user_login' => {json.dumps(login)}, "
            f"'user_pass' => 'x-pass', 'user_email' => {json.dumps(login + '@example.invalid')}, "
            f"'role' => {json.dumps(role)})); "
            "$m = WP_Application_Passwords::create_new_application_password("
            "$id, array('name' => 'editordesk-tests')); "
            "return array($id, $m[0], $m[1]['uuid']);"
        )
        assert isinstance(made, list)
        self.users[login] = {"id": made[0], "password": made[1], "uuid": made[2]}
        return str(made[1])

    def count(self, post_type: str) -> int:
        out = self.sql(
            "SELECT COUNT(*) FROM wordpress.wp_posts WHERE post_type = "
            f"'{post_type}' AND post_status NOT IN ('auto-draft', 'inherit', 'trash')"
            if post_type != "attachment"
            else "SELECT COUNT(*) FROM wordpress.wp_posts WHERE post_type = 'attachment'"
        )
        return int(out.split()[-1])

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        if self.mariadb is not None and self.mariadb.poll() is None:
            self.mariadb.terminate()
            try:
                self.mariadb.wait(30)
            except subprocess.TimeoutExpired:
                self.mariadb.kill()
                self.mariadb.wait()
        with contextlib.suppress(OSError):
            shutil.rmtree(self.root)


if __name__ == "__main__":  # start one by hand: python tests/wordpress.py
    reason = missing()
    if reason:
        raise SystemExit(reason)
    t0 = time.monotonic()
    wp = WordPress.start()
    print(f"up in {time.monotonic() - t0:.1f} s at {wp.url}; admin password {wp.password()}")
    try:
        input("Enter stops it… ")
    finally:
        wp.stop()
