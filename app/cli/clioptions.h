#pragma once

#include "core/endpoint/endpointconfig.h"

#include <QStringList>

namespace fleetscope::cli {

// fleetscope-cli's command line, parsed per docs/cli-contract.md. Secrets come
// from the environment or stdin; a secret given in argv is accepted for compatibility, warned
// about, and scrubbed from the process's argument list.
struct CliOptions
{
    enum class Command { Browse, Watch, Send };
    Command command = Command::Browse;
    EndpointConfig endpoint;
    QStringList subscribe;
    QString target;
    QString payload;
    double timeoutSeconds = 15;
    double forSeconds = 0; // 0: until --count or Ctrl-C
    qint64 count = 0; // 0: no limit
    bool quiet = false;
    QString recordPath; // record: --out FILE (record is a watch that also records every frame)
    QString replayPath; // watch --replay FILE: the endpoint is a replay of that recording
    double replaySpeed = 1.0; // --speed X (0: as fast as possible)
    QString replayEndpoint; // --replay-endpoint NAME: which recorded endpoint to replay
    QString logDb; // watch/record --log-db FILE: also write every event to that event database
    QString rulesPath; // watch --rules FILE: also evaluate these alert rules (kind "alert" lines)
    QStringList warnings; // printed to stderr before running
};

// Parses `arguments` (argv without secrets scrubbed yet). On a usage error returns false with
// *error set (exit code 2). `--help`/`--version` print and set *exitNow.
bool parseCliOptions(const QStringList &arguments, CliOptions *options, QString *error, bool *exitNow);

// Overwrites secret values in argv so /proc/<pid>/cmdline no longer shows them.
void scrubSecretsFromArgv(int argc, char **argv);

} // namespace fleetscope::cli
