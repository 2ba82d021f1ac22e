#include "core/protocols/exosite/exositeendpoint.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

#include <memory>

// ExositeEndpoint's command path: a composed frame of calls, or a plain value written to the
// target, after the tree is known (targets are resolved to RIDs there) and ${…} placeholders are
// filled; every reply of the frame is collected and reported once. The rest of the class
// (session, browse, subscriptions) is in exositeendpoint.cpp.
namespace fleetscope::exosite {

namespace {
QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}
} // namespace

bool ExositeEndpoint::expandPlaceholders(QString *payload, const QString &rid, QString *error)
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\$\{\s*([a-z]+)\s*(?:([+-])\s*(\d+))?\s*\})"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(*payload);
    while (it.hasNext()) {
        const auto match = it.next();
        out += payload->mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString name = match.captured(1);
        if (name == QLatin1String("id")) {
            out += QString::number(m_rpc.nextId());
        } else if (name == QLatin1String("now")) {
            qint64 now = QDateTime::currentSecsSinceEpoch();
            if (match.capturedLength(3))
                now += (match.captured(2) == QLatin1String("-") ? -1 : 1) * match.captured(3).toLongLong();
            out += QString::number(now);
        } else if (name == QLatin1String("rid")) {
            if (rid.isEmpty()) {
                *error = QStringLiteral("the template needs a target resource for ${rid}");
                return false;
            }
            out += rid;
        } else {
            *error = QStringLiteral("replace ${%1} with a value before sending").arg(name);
            return false;
        }
    }
    out += payload->mid(last);
    *payload = out;
    return true;
}

void ExositeEndpoint::send(const Command &incoming)
{
    Command command = incoming;
    if (command.id == 0)
        command.id = nextCommandId();
    afterBrowse([this, command](bool browsed, const QString &why) {
        const quint64 id = command.id;
        const QString target = command.target == QLatin1String("*") ? QString() : command.target;
        if (!browsed) {
            // Targets are resolved in the tree: without it the command cannot go.
            finishCommand(CommandReply::failed(id, QStringLiteral("browse failed: %1").arg(why)), target);
            return;
        }
        QString rid;
        Resource resource;
        if (!target.isEmpty()) {
            if (!m_resources.contains(target)) {
                finishCommand(CommandReply::refused(id, QStringLiteral("unknown target \"%1\"").arg(target)), target);
                return;
            }
            resource = m_resources.value(target);
            rid = resource.rid;
        }
        if (m_phase != Phase::Ready) {
            finishCommand(CommandReply::failed(id, QStringLiteral("not connected")), target);
            return;
        }
        QString payload = command.payload;
        QString error;
        if (!expandPlaceholders(&payload, rid, &error)) {
            finishCommand(CommandReply::refused(id, error), target);
            return;
        }
        QJsonParseError parseError {};
        const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8(), &parseError);
        QJsonArray calls;
        if (parseError.error == QJsonParseError::NoError && doc.isObject()
            && doc.object().contains(QLatin1String("calls"))) {
            if (!doc.object().value(QLatin1String("calls")).isArray()) {
                finishCommand(CommandReply::refused(id, QStringLiteral("\"calls\" must be a list"), payload), target);
                return;
            }
            calls = doc.object().value(QLatin1String("calls")).toArray();
        } else if (parseError.error == QJsonParseError::NoError && doc.isArray()) {
            calls = doc.array(); // the legacy bare list of calls
        } else {
            // A plain value: write it to the target.
            QJsonValue value;
            const QJsonDocument wrapped = QJsonDocument::fromJson("[" + payload.toUtf8() + "]");
            if (wrapped.isArray() && wrapped.array().size() == 1 && !wrapped.array().at(0).isObject())
                value = wrapped.array().at(0);
            else if (resource.format == QLatin1String("string") || resource.type == QLatin1String("dispatch"))
                value = payload;
            else {
                finishCommand(CommandReply::refused(id,
                                  QStringLiteral("payload is not valid JSON: %1 at offset %2")
                                      .arg(parseError.errorString())
                                      .arg(parseError.offset),
                                  payload),
                    target);
                return;
            }
            if (rid.isEmpty()) {
                finishCommand(
                    CommandReply::refused(id, QStringLiteral("a value needs a target resource"), payload), target);
                return;
            }
            calls.append(QJsonObject {{QStringLiteral("id"), m_rpc.nextId()},
                {QStringLiteral("procedure"), QStringLiteral("write")},
                {QStringLiteral("arguments"), QJsonArray {rid, value}}});
        }
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const QJsonObject call = calls.at(i).toObject();
            if (!calls.at(i).isObject() || !call.value(QLatin1String("procedure")).isString()
                || !call.value(QLatin1String("arguments")).isArray()) {
                finishCommand(
                    CommandReply::refused(id,
                        QStringLiteral("call %1 needs a \"procedure\" string and an \"arguments\" list").arg(i + 1),
                        payload),
                    target);
                return;
            }
        }
        // Collect every reply of the frame, then report once.
        struct Pending
        {
            int remaining = 0;
            bool ok = true;
            QStringList parts;
            QJsonArray raws;
        };
        auto pending = std::make_shared<Pending>();
        QHash<QString, QString> procedureById;
        for (const QJsonValue &call : std::as_const(calls))
            procedureById.insert(idKey(call.toObject().value(QLatin1String("id"))),
                call.toObject().value(QLatin1String("procedure")).toString());
        pending->remaining = m_rpc.sendComposed(calls, [this, pending, procedureById, id, target](const Response &r) {
            const QString procedure = procedureById.value(r.idKey);
            pending->ok = pending->ok && r.ok;
            QString part = procedure + QStringLiteral(": ") + (r.ok ? QStringLiteral("ok") : r.failureText());
            if (r.ok && r.result.isArray())
                part += QStringLiteral(" (%1 values)").arg(r.result.toArray().size());
            pending->parts << part;
            pending->raws.append(r.raw.isEmpty() ? QJsonValue(r.status) : QJsonValue(r.raw));
            if (--pending->remaining == 0)
                finishCommand(CommandReply {id, pending->ok, false, pending->parts.join(QLatin1String("; ")),
                                  compact(pending->raws)},
                    target);
        });
        if (pending->remaining == 0)
            finishCommand(CommandReply::succeeded(
                              id, QStringLiteral("sent (no call has an id, so no reply is expected)"), payload),
                target);
    });
}

} // namespace fleetscope::exosite
