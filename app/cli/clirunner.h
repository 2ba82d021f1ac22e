#pragma once

#include "app/cli/clioptions.h"
#include "app/cli/exitcode.h"
#include "app/cli/jsonlineswriter.h"
#include "core/endpoint/endpoint.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace fleetscope::cli {

// Runs one fleetscope-cli command against one Endpoint, in the main thread: connect, then browse,
// watch or send, writing JSON Lines, and ends with the contract's exit code (ExitCode).
class CliRunner : public QObject
{
    Q_OBJECT

public:
    CliRunner(
        const CliOptions &options, std::unique_ptr<Endpoint> endpoint, JsonLinesWriter *out, QObject *parent = nullptr);
    ~CliRunner() override;

    void start();
    // Ctrl-C: flush what was received and end (exit 0 for watch).
    void interrupt();

Q_SIGNALS:
    void finished(int exitCode);

private:
    enum class Phase { Connecting, Browsing, Watching, Sending, Done };

    void onState(const LinkStatus &status);
    void onReady();
    void onBatch(const EndpointBatch &batch);
    void onBrowseFinished(bool ok, const QString &detail);
    void onCommandFinished(const CommandReply &reply);
    void onDeadline();
    void subscribeAll(const QStringList &paths);
    void finish(ExitCode exitCode, const QString &message = QString());

    CliOptions m_options;
    std::unique_ptr<Endpoint> m_endpoint;
    JsonLinesWriter *m_out;
    Phase m_phase = Phase::Connecting;
    bool m_everReady = false;
    QTimer m_deadline;
    QTimer m_watchTimer;
    qint64 m_emitted = 0;
    QStringList m_subscribable;
    // Watching every subscribable topic (no --subscribe): after the first browse, topics that
    // appear later (a device coming online) are subscribed as they come.
    bool m_followNewTopics = false;
    QSet<QString> m_subscribed;
    quint64 m_commandId = 0;
};

} // namespace fleetscope::cli
