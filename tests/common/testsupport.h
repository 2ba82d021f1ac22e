#pragma once

#include "sim/common/simulator.h"

#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSslConfiguration>
#include <QVector>

#include <memory>

namespace fleetscope::test {

// A simulator of `protocol` listening on 127.0.0.1 port 0 (QFAIL-style: nullptr on failure).
std::unique_ptr<sim::Simulator> startSimulator(const QString &protocol, const QVariantMap &options = {});

// Runs fleetscope-cli as a user would, collecting its JSON Lines. Waits on the process's
// finished() signal, never on a fixed sleep.
class CliRun
{
public:
    CliRun(const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
        const QByteArray &stdinData = QByteArray());
    // Starts and waits for the exit (at most timeoutMs); false on timeout.
    bool run(int timeoutMs = 30000);
    int exitCode() const { return m_exitCode; }
    QString standardError() const { return m_stderr; }
    QVector<QJsonObject> lines() const { return m_lines; }
    QVector<QJsonObject> linesOfKind(const QString &kind) const;
    // Also the raw stdout, for the malformed-line check.
    QByteArray standardOutput() const { return m_stdout; }
    bool allLinesAreJson() const { return m_allJson; }

private:
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    QByteArray m_stdin;
    int m_exitCode = -1;
    QString m_stderr;
    QByteArray m_stdout;
    QVector<QJsonObject> m_lines;
    bool m_allJson = true;
};

QString cliPath();
QString testDataPath(const QString &name);
// A server's TLS configuration with tests/data/<name>.crt and .key (self-signed for 127.0.0.1).
QSslConfiguration selfSignedServerTls(const QString &name = QStringLiteral("selfsigned"));

} // namespace fleetscope::test
