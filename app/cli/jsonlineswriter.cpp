#include "app/cli/jsonlineswriter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::cli {

namespace {
QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}
} // namespace

JsonLinesWriter::JsonLinesWriter(FILE *out)
    : m_out(out)
{ }

void JsonLinesWriter::write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_out);
}

void JsonLinesWriter::flush()
{
    std::fflush(m_out);
}

void JsonLinesWriter::state(LinkState state, const QString &detail)
{
    write(line({{QStringLiteral("kind"), QStringLiteral("state")}, {QStringLiteral("state"), linkStateName(state)},
        {QStringLiteral("detail"), detail}}));
    flush();
}

void JsonLinesWriter::topic(const Topic &topic)
{
    QJsonObject object {{QStringLiteral("kind"), QStringLiteral("topic")}, {QStringLiteral("path"), topic.path},
        {QStringLiteral("node"), nodeKindName(topic.node)}, {QStringLiteral("type"), topic.type},
        {QStringLiteral("subscribable"), topic.subscribable}};
    if (!topic.displayName.isEmpty())
        object.insert(QStringLiteral("name"), topic.displayName);
    write(line(object));
}

void JsonLinesWriter::sample(const Sample &sample)
{
    write(line({{QStringLiteral("kind"), QStringLiteral("sample")}, {QStringLiteral("path"), sample.path},
        {QStringLiteral("t"), sample.t}, {QStringLiteral("value"), sample.value}}));
}

void JsonLinesWriter::event(const Event &event, bool withEndpoint)
{
    QJsonObject object {{QStringLiteral("kind"), QStringLiteral("event")}, {QStringLiteral("t"), event.t},
        {QStringLiteral("severity"), severityName(event.severity)}, {QStringLiteral("path"), event.path},
        {QStringLiteral("summary"), event.summary}, {QStringLiteral("payload"), event.payload}};
    if (withEndpoint)
        object.insert(QStringLiteral("endpoint"), event.endpoint);
    write(line(object));
}

void JsonLinesWriter::object(const QJsonObject &object)
{
    write(line(object));
}

void JsonLinesWriter::reply(const CommandReply &reply)
{
    write(line({{QStringLiteral("kind"), QStringLiteral("reply")}, {QStringLiteral("ok"), reply.ok},
        {QStringLiteral("detail"), reply.detail}, {QStringLiteral("payload"), reply.payload}}));
    flush();
}

void JsonLinesWriter::alert(const AlertTransition &transition)
{
    const Alert &alert = transition.alert;
    QJsonObject object {{QStringLiteral("kind"), QStringLiteral("alert")}, {QStringLiteral("t"), transition.t},
        {QStringLiteral("rule"), alert.key.rule}, {QStringLiteral("endpoint"), alert.key.endpoint},
        {QStringLiteral("path"), alert.key.path},
        {QStringLiteral("state"),
            transition.kind == AlertTransition::Kind::Firing ? QStringLiteral("firing") : QStringLiteral("resolved")},
        {QStringLiteral("severity"), alertSeverityName(alert.severity)}, {QStringLiteral("summary"), alert.summary},
        {QStringLiteral("source"),
            alert.origin == AlertOrigin::Server ? QStringLiteral("server") : QStringLiteral("rule")}};
    if (alert.hasValue())
        object.insert(QStringLiteral("value"), alert.value);
    write(line(object));
    flush();
}

} // namespace fleetscope::cli
