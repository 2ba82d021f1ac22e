#include "core/protocols/opentera/openteracommand.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace fleetscope::opentera {

namespace {

bool expand(QString *text, const std::function<QString(const QString &)> &uuidAt, QString *entityPath, QString *error)
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\$\{\s*([A-Za-z_]*)\s*(?::([^}]*))?\})"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(*text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += text->mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString name = match.captured(1);
        const QString path = match.captured(2).trimmed();
        if (name != QLatin1String("uuid")) {
            *error = QStringLiteral("replace ${%1} with a value before sending").arg(name);
            return false;
        }
        if (path.contains(QLatin1String("${"))) {
            *error = QStringLiteral("select the entity the template is for (its ${path} is not filled in)");
            return false;
        }
        if (path.isEmpty()) {
            *error = QStringLiteral("replace ${uuid} with the entity's UUID, or name it as ${uuid:devices/<name>}");
            return false;
        }
        const QString uuid = uuidAt(path);
        if (uuid.isEmpty()) {
            *error = QStringLiteral("no user, participant, device or session at \"%1\"").arg(path);
            return false;
        }
        if (entityPath->isEmpty())
            *entityPath = path;
        out += uuid;
    }
    out += text->mid(last);
    *text = out;
    return true;
}

} // namespace

bool parseCommand(
    const Command &command, const std::function<QString(const QString &)> &uuidAt, RestCommand *out, QString *error)
{
    QString target = command.target.trimmed();
    QString payload = command.payload.trimmed();
    if (!expand(&target, uuidAt, &out->entityPath, error) || !expand(&payload, uuidAt, &out->entityPath, error))
        return false;
    const auto space = target.indexOf(QLatin1Char(' '));
    QString method;
    QString path;
    if (target.startsWith(QLatin1Char('/'))) {
        method = payload.isEmpty() ? QStringLiteral("GET") : QStringLiteral("POST");
        path = target;
    } else if (space > 0) {
        method = target.left(space).toUpper();
        path = target.mid(space + 1).trimmed();
    }
    static const QStringList methods {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("DELETE"), QStringLiteral("PATCH")};
    if (!methods.contains(method) || !path.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("the target must be \"METHOD /path\", e.g. \"GET /api/user/devices/online\"");
        return false;
    }
    if (!payload.isEmpty()) {
        if (method == QLatin1String("GET") || method == QLatin1String("DELETE")) {
            *error = QStringLiteral("%1 takes no payload").arg(method);
            return false;
        }
        QJsonParseError parseError {};
        QJsonDocument::fromJson(payload.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("payload is not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
            return false;
        }
    }
    out->method = method.toLatin1();
    out->pathAndQuery = path;
    out->body = payload.toUtf8();
    return true;
}

} // namespace fleetscope::opentera
