#include "core/protocols/cityio/cityiocommand.h"

#include "core/model/topic.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace fleetscope::cityio {

namespace {
const QLatin1String kGridPlaceholder("${geogriddata}");

// Client → server types per channel (docs/protocols/cityio.md#messages), with the docs' SEND_SCENARIO spelling.
const QSet<QString> &interfaceTypes()
{
    static const QSet<QString> types {QStringLiteral("LISTEN"), QStringLiteral("UPDATE_GRID"),
        QStringLiteral("REQUEST_CORE_MODULES_LIST"), QStringLiteral("LIST_SCENARIOS"), QStringLiteral("SAVE_SCENARIO"),
        QStringLiteral("SEND_SCENARIO"), QStringLiteral("MODIFY_SCENARIO"), QStringLiteral("RESTORE_SCENARIO"),
        QStringLiteral("MODULE_REQUEST"), QStringLiteral("REQUEST_MODULE"), QStringLiteral("REQUEST_MODULE_REMOVAL")};
    return types;
}
const QSet<QString> &moduleTypes()
{
    static const QSet<QString> types {QStringLiteral("SUBSCRIBE"), QStringLiteral("UNSUBSCRIBE"),
        QStringLiteral("MODULE"), QStringLiteral("INDICATOR")};
    return types;
}

QString jsonEscaped(const QString &text)
{
    // The JSON string body of `text`, without the quotes.
    const QByteArray quoted = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(quoted.mid(2, quoted.size() - 4));
}

bool requireString(const QJsonObject &content, const char *key, const QString &type, QString *error)
{
    if (content.value(QLatin1String(key)).isString() && !content.value(QLatin1String(key)).toString().isEmpty())
        return true;
    *error = QStringLiteral("%1 needs content.%2 (a string)").arg(type, QLatin1String(key));
    return false;
}

bool checkContent(const PreparedCommand &command, const QJsonObject &content, QString *error)
{
    const QString &type = command.type;
    if (type == QLatin1String("UPDATE_GRID")) {
        if (!content.value(QLatin1String("geogriddata")).isArray()) {
            *error = QStringLiteral("UPDATE_GRID needs content.geogriddata: the whole cell array (${geogriddata} is "
                                    "the current one)");
            return false;
        }
        return true;
    }
    if (type == QLatin1String("LISTEN")) {
        if (!requireString(content, "gridId", type, error))
            return false;
        if (content.value(QLatin1String("gridId")).toString() != command.project) {
            *error = QStringLiteral("LISTEN on the socket of %1 must name %1 (subscribe %2 to watch it)")
                         .arg(command.project, content.value(QLatin1String("gridId")).toString());
            return false;
        }
        return true;
    }
    if (type == QLatin1String("SAVE_SCENARIO") || type == QLatin1String("SEND_SCENARIO")
        || type == QLatin1String("MODIFY_SCENARIO") || type == QLatin1String("RESTORE_SCENARIO"))
        return requireString(content, "name", type, error);
    if (type == QLatin1String("MODULE_REQUEST"))
        return requireString(content, "id", type, error);
    if (type == QLatin1String("REQUEST_MODULE") || type == QLatin1String("REQUEST_MODULE_REMOVAL")) {
        if (content.value(QLatin1String("modules")).isArray())
            return true;
        *error = QStringLiteral("%1 needs content.modules (a list of module ids)").arg(type);
        return false;
    }
    if (type == QLatin1String("SUBSCRIBE") || type == QLatin1String("UNSUBSCRIBE"))
        return requireString(content, "gridId", type, error);
    if (type == QLatin1String("MODULE") || type == QLatin1String("INDICATOR")) {
        if (!requireString(content, "gridId", type, error))
            return false;
        if (content.value(QLatin1String("moduleData")).isObject())
            return true;
        *error = QStringLiteral("%1 needs content.moduleData {numeric, layers}").arg(type);
        return false;
    }
    if (type == QLatin1String("CORE_MODULE_REGISTRATION"))
        return requireString(content, "name", type, error);
    return true;
}

void setReplies(PreparedCommand *command)
{
    const QString &type = command->type;
    if (command->route == PreparedCommand::Route::Project) {
        if (type == QLatin1String("LISTEN"))
            command->replies = {MessageKind::TableSnapshot};
        else if (type == QLatin1String("UPDATE_GRID") || type == QLatin1String("RESTORE_SCENARIO")) {
            command->replies = {MessageKind::GridUpdate};
            command->softReply = true; // the echo to the sender is not guaranteed (docs/protocols/cityio.md#quirks)
        } else if (type == QLatin1String("REQUEST_CORE_MODULES_LIST"))
            command->replies = {MessageKind::CoreModulesList};
        else if (type == QLatin1String("LIST_SCENARIOS") || type == QLatin1String("SAVE_SCENARIO")
            || type == QLatin1String("SEND_SCENARIO") || type == QLatin1String("MODIFY_SCENARIO"))
            command->replies = {MessageKind::Scenarios};
    } else if (type == QLatin1String("SUBSCRIBE")) {
        command->replies = {MessageKind::TableSnapshot};
    }
}

bool prepareRest(const QJsonObject &request, PreparedCommand *out, QString *error)
{
    out->method = request.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper();
    static const QSet<QString> methods {
        QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("DELETE")};
    if (!methods.contains(out->method)) {
        *error = QStringLiteral("@rest: method must be GET, POST, PUT or DELETE, not \"%1\"").arg(out->method);
        return false;
    }
    out->path = request.value(QLatin1String("path")).toString();
    if (out->path.isEmpty()) {
        *error = QStringLiteral("@rest needs a \"path\", e.g. /api/table/list/");
        return false;
    }
    const QJsonValue body = request.value(QLatin1String("body"));
    if (body.isObject())
        out->body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        out->body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isString())
        out->body = body.toString().toUtf8();
    return true;
}
} // namespace

bool PreparedCommand::needsGrid() const
{
    return payload.contains(kGridPlaceholder) || type == QLatin1String("UPDATE_GRID");
}

bool prepareCommand(const Command &command, PreparedCommand *out, QString *error)
{
    const QString target = command.target.trimmed();
    if (target.isEmpty() || target == QLatin1String("*")) {
        *error = QStringLiteral("the target must be a project, @module, @core or @rest");
        return false;
    }
    if (target == QLatin1String("@module"))
        out->route = PreparedCommand::Route::Module;
    else if (target == QLatin1String("@core"))
        out->route = PreparedCommand::Route::Core;
    else if (target == QLatin1String("@rest"))
        out->route = PreparedCommand::Route::Rest;
    else if (target.startsWith(QLatin1Char('@'))) {
        *error = QStringLiteral("unknown target \"%1\" (a project, @module, @core or @rest)").arg(target);
        return false;
    } else {
        out->route = PreparedCommand::Route::Project;
        out->project = TopicPath::decodeSegment(TopicPath::split(target).constFirst());
    }

    // Placeholders first: ${geogriddata} stands where a JSON value goes.
    QString payload = command.payload;
    static const QRegularExpression placeholder(QStringLiteral(R"(\$\{\s*([A-Za-z_]+)\s*\})"));
    for (auto it = placeholder.globalMatch(payload); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name == QLatin1String("project") || name == QLatin1String("geogriddata")) {
            if (out->route != PreparedCommand::Route::Project) {
                *error = QStringLiteral("${%1} needs a project as target; write the table name instead").arg(name);
                return false;
            }
            continue;
        }
        *error = QStringLiteral("replace ${%1} with a value before sending").arg(name);
        return false;
    }
    payload.replace(QStringLiteral("${project}"), jsonEscaped(out->project));
    out->payload = payload;
    QString parseable = payload;
    parseable.replace(kGridPlaceholder, QStringLiteral("[]"));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(parseable.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("payload is not valid JSON: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = out->route == PreparedCommand::Route::Rest
            ? QStringLiteral("@rest needs {\"method\",\"path\",\"body\"}")
            : QStringLiteral("the payload must be a {\"type\",\"content\"} envelope");
        return false;
    }
    if (out->route == PreparedCommand::Route::Rest)
        return prepareRest(doc.object(), out, error);

    const QJsonValue type = doc.object().value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty()) {
        *error = QStringLiteral("the envelope needs a \"type\" string, e.g. {\"type\":\"LISTEN\",\"content\":{...}}");
        return false;
    }
    out->type = type.toString();
    const QJsonValue contentValue = doc.object().value(QLatin1String("content"));
    if (!contentValue.isUndefined() && !contentValue.isObject()) {
        *error = QStringLiteral("content must be an object");
        return false;
    }
    const bool forInterface = interfaceTypes().contains(out->type);
    const bool forModule = moduleTypes().contains(out->type);
    const bool isRegistration = out->type == QLatin1String("CORE_MODULE_REGISTRATION");
    if (out->route == PreparedCommand::Route::Project && (forModule || isRegistration)) {
        *error = QStringLiteral("%1 goes to a module channel: use the target %2")
                     .arg(out->type, isRegistration ? QStringLiteral("@core") : QStringLiteral("@module"));
        return false;
    }
    if (out->route != PreparedCommand::Route::Project && forInterface) {
        *error = QStringLiteral("%1 goes to a project's /interface socket: use the project as target").arg(out->type);
        return false;
    }
    if (out->route == PreparedCommand::Route::Module && isRegistration) {
        *error = QStringLiteral("CORE_MODULE_REGISTRATION goes to /module/core: use the target @core");
        return false;
    }
    if (!forInterface && !forModule && !isRegistration)
        out->note = QStringLiteral("%1 is not a type CityIO documents; the server drops unknown types without a reply")
                        .arg(out->type);
    const QJsonObject content = contentValue.toObject();
    if (!checkContent(*out, content, error))
        return false;
    setReplies(out);
    if (out->route != PreparedCommand::Route::Project) {
        const QString grid = content.value(QLatin1String("gridId")).toString();
        if (out->type == QLatin1String("SUBSCRIBE") || out->type == QLatin1String("UNSUBSCRIBE")) {
            out->greetingKey = QStringLiteral("SUBSCRIBE ") + grid;
            out->greetingRemoves = out->type == QLatin1String("UNSUBSCRIBE");
        } else if (isRegistration) {
            out->greetingKey = QStringLiteral("CORE_MODULE_REGISTRATION");
        }
    }
    return true;
}

bool finishPayload(PreparedCommand *command, const QJsonArray &grid, bool haveGrid, QString *error)
{
    if (command->payload.contains(kGridPlaceholder)) {
        if (!haveGrid) {
            *error = QStringLiteral("${geogriddata}: no grid of %1 has arrived yet").arg(command->project);
            return false;
        }
        command->payload.replace(
            kGridPlaceholder, QString::fromUtf8(QJsonDocument(grid).toJson(QJsonDocument::Compact)));
    }
    if (command->type != QLatin1String("UPDATE_GRID") || !haveGrid)
        return true;
    const QJsonDocument doc = QJsonDocument::fromJson(command->payload.toUtf8());
    const qsizetype cells =
        doc.object().value(QLatin1String("content")).toObject().value(QLatin1String("geogriddata")).toArray().size();
    if (cells != grid.size()) {
        *error = QStringLiteral("geogriddata has %1 cells but %2 has %3: UPDATE_GRID replaces the whole grid, so send "
                                "every cell (${geogriddata} is the current array)")
                     .arg(cells)
                     .arg(command->project)
                     .arg(grid.size());
        return false;
    }
    return true;
}

} // namespace fleetscope::cityio
