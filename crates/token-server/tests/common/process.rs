//! The `token-server` binary as a child process: its stdout and stderr go
//! to files (a chatty trace log never fills a pipe and blocks the server),
//! and the URL is read from the line it prints when it listens.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_token-server");

/// A running server binary.
pub struct Process {
    pub child: Child,
    pub url: String,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Process {
    /// Starts the binary on `dir/server.db` (key `dir/server.key`) on a free
    /// loopback port, with extra `args` and `env`; `name` tells this run's
    /// log files apart from others in the same directory.
    pub fn start(dir: &Path, name: &str, args: &[&str], env: &[(&str, &str)]) -> Process {
        let stdout = dir.join(format!("{name}.stdout"));
        let stderr = dir.join(format!("{name}.stderr"));
        let child = Command::new(BIN)
            .args(["--listen", "127.0.0.1:0", "--demo-data", "false"])
            .arg("--database")
            .arg(dir.join("server.db"))
            .arg("--dist")
            .arg(dir.join("dist"))
            .args(args)
            .envs(env.iter().copied())
            .env_remove("BISCUIT_PRIVATE_KEY")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let mut process = Process {
            child,
            url: String::new(),
            stdout,
            stderr,
        };
        let started = Instant::now();
        loop {
            let out = std::fs::read_to_string(&process.stdout).unwrap_or_default();
            if let Some(line) = out
                .lines()
                .find_map(|l| l.strip_prefix("token-server listening on "))
            {
                process.url = line.trim_end_matches('/').to_owned();
                return process;
            }
            if let Some(status) = process.child.try_wait().unwrap() {
                panic!("the server exited ({status}): {}", process.logs());
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not print its URL: {}",
                process.logs()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything it wrote so far, stdout then stderr.
    pub fn logs(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        format!("{}\n{}", read(&self.stdout), read(&self.stderr))
    }

    fn signal(&self, signal: &str) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success());
    }

    /// SIGTERM, a graceful exit, then its logs.
    pub fn terminate(mut self) -> String {
        self.signal("-TERM");
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful exit; log: {}", self.logs());
        self.logs()
    }

    /// SIGKILL: no chance to flush or finish anything.
    pub fn kill(mut self) -> String {
        self.signal("-KILL");
        self.child.wait().unwrap();
        self.logs()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // A failing test must not leave a server behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
