#pragma once

namespace fleetscope::cli {

// fleetscope-cli's exit codes, part of its contract (docs/architecture.md, "fleetscope-cli"):
// scripts test them, so their values never change.
enum ExitCode : int {
    ExitDone = 0, // the command did what it was asked (a watch ended by --for, --count or Ctrl-C)
    ExitUsage = 2, // the command line is wrong, or the adapter refused the command before sending it
    ExitConnect = 3, // could not connect or authenticate (stderr says which and why), or open a replay
    ExitRejected = 4, // the server rejected the command, or did not answer it in time
    ExitFileUnreadable = 5, // a file cannot be read or written (recording, event database)
};

} // namespace fleetscope::cli
