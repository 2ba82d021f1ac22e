#include "app/cli/clirunner.h"

#include <QUrl>

#include <iostream>

namespace fleetscope::cli {

CliRunner::CliRunner(
    const CliOptions &options, std::unique_ptr<Endpoint> endpoint, JsonLinesWriter *out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_endpoint(std::move(endpoint))
    , m_out(out)
{
    m_deadline.setSingleShot(true);
    m_watchTimer.setSingleShot(true);
    m_watchTimer.setTimerType(Qt::PreciseTimer); // --for 1.5 never ends early (a coarse timer may, by 5%)
    connect(&m_deadline, &QTimer::timeout, this, &CliRunner::onDeadline);
    connect(&m_watchTimer, &QTimer::timeout, this, [this] { finish(ExitDone); });
    connect(m_endpoint.get(), &Endpoint::stateChanged, this, &CliRunner::onState);
    connect(m_endpoint.get(), &Endpoint::batchReady, this, &CliRunner::onBatch);
    connect(m_endpoint.get(), &Endpoint::browseFinished, this, &CliRunner::onBrowseFinished);
    connect(m_endpoint.get(), &Endpoint::commandFinished, this, &CliRunner::onCommandFinished);
}

CliRunner::~CliRunner() = default;

void CliRunner::start()
{
    if (m_options.timeoutSeconds > 0)
        m_deadline.start(static_cast<int>(m_options.timeoutSeconds * 1000));
    m_endpoint->open();
}

void CliRunner::interrupt()
{
    finish(m_phase == Phase::Watching ? ExitDone : ExitConnect,
        m_phase == Phase::Watching ? QString() : QStringLiteral("interrupted"));
}

void CliRunner::onState(const LinkStatus &status)
{
    if (m_phase == Phase::Done)
        return;
    const LinkState state = status.state;
    const QString detail = status.text();
    if (!m_options.quiet)
        m_out->state(state, detail);
    if (state == LinkState::Ready && !m_everReady) {
        m_everReady = true;
        onReady();
    } else if (state == LinkState::Closed && m_phase == Phase::Watching) {
        finish(ExitDone); // the endpoint ended by itself: a replay reached the end of its recording
    } else if (state == LinkState::Failed) {
        const QString url = m_options.endpoint.url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
        finish(ExitConnect,
            m_everReady ? QStringLiteral("connection to %1 ended: %2").arg(url, detail)
                        : QStringLiteral("could not connect to %1: %2").arg(url, detail));
    }
}

void CliRunner::onReady()
{
    switch (m_options.command) {
    case CliOptions::Command::Browse:
        m_phase = Phase::Browsing;
        m_endpoint->browse();
        break;
    case CliOptions::Command::Watch:
        m_deadline.stop();
        m_phase = Phase::Watching;
        if (m_options.forSeconds > 0)
            m_watchTimer.start(static_cast<int>(m_options.forSeconds * 1000));
        if (m_options.subscribe.isEmpty())
            m_endpoint->browse(); // then watch every subscribable topic
        else
            subscribeAll(m_options.subscribe);
        break;
    case CliOptions::Command::Send: {
        m_phase = Phase::Sending;
        Command command;
        command.target = m_options.target;
        command.payload = m_options.payload;
        m_endpoint->send(command);
        break;
    }
    }
}

void CliRunner::subscribeAll(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (m_subscribed.contains(path))
            continue;
        m_subscribed.insert(path);
        m_endpoint->subscribe(path);
    }
}

void CliRunner::onBatch(const EndpointBatch &batch)
{
    if (m_phase == Phase::Done)
        return;
    QStringList appeared;
    for (const Topic &topic : batch.topics) {
        if (topic.subscribable) {
            m_subscribable << topic.path;
            if (m_followNewTopics && !m_subscribed.contains(topic.path))
                appeared << topic.path;
        }
        if (m_options.command == CliOptions::Command::Browse)
            m_out->topic(topic);
    }
    subscribeAll(appeared);
    const bool counting = m_options.command == CliOptions::Command::Watch && m_options.count > 0;
    for (const Sample &sample : batch.samples) {
        if (counting && m_emitted >= m_options.count)
            break;
        m_out->sample(sample);
        ++m_emitted;
    }
    for (const Event &event : batch.events) {
        if (counting && m_emitted >= m_options.count)
            break;
        m_out->event(event);
        ++m_emitted;
    }
    m_out->flush();
    if (counting && m_emitted >= m_options.count)
        finish(ExitDone);
}

void CliRunner::onBrowseFinished(bool ok, const QString &detail)
{
    if (m_phase == Phase::Browsing) {
        if (ok)
            finish(ExitDone);
        else
            finish(ExitConnect, QStringLiteral("browse failed: %1").arg(detail));
    } else if (m_phase == Phase::Watching && m_options.subscribe.isEmpty()) {
        if (m_subscribable.isEmpty())
            std::cerr << "fleetscope-cli: nothing to watch: the endpoint has no subscribable topic (yet)\n";
        subscribeAll(m_subscribable);
        m_followNewTopics = true;
    }
}

void CliRunner::onCommandFinished(const CommandReply &reply)
{
    if (m_phase != Phase::Sending)
        return;
    m_out->reply(reply);
    if (reply.ok)
        finish(ExitDone);
    else if (reply.refusedLocally)
        finish(ExitUsage, QStringLiteral("command refused: %1").arg(reply.detail));
    else
        finish(ExitRejected, QStringLiteral("the server rejected the command: %1").arg(reply.detail));
}

void CliRunner::onDeadline()
{
    const QString url = m_options.endpoint.url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    const double s = m_options.timeoutSeconds;
    switch (m_phase) {
    case Phase::Connecting:
        finish(ExitConnect, QStringLiteral("could not connect to %1 within %2 s").arg(url).arg(s));
        break;
    case Phase::Browsing:
        finish(ExitConnect, QStringLiteral("browse of %1 did not finish within %2 s").arg(url).arg(s));
        break;
    case Phase::Sending:
        finish(ExitRejected, QStringLiteral("no reply to the command within %1 s").arg(s));
        break;
    case Phase::Watching:
    case Phase::Done:
        break;
    }
}

void CliRunner::finish(ExitCode exitCode, const QString &message)
{
    if (m_phase == Phase::Done)
        return;
    m_endpoint->flush(); // everything received is written before exiting
    m_phase = Phase::Done;
    m_deadline.stop();
    m_watchTimer.stop();
    m_out->flush();
    if (!message.isEmpty())
        std::cerr << "fleetscope-cli: " << message.toStdString() << '\n';
    m_endpoint->disconnect(this);
    m_endpoint->close();
    Q_EMIT finished(exitCode);
}

} // namespace fleetscope::cli
