#include "core/protocols/cityio/cityiocontent.h"

#include "core/util/jsonutil.h"

namespace fleetscope::cityio {

namespace {
QString stringOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return jsonToText(value);
    return QString();
}
} // namespace

bool numberOf(const QJsonValue &value, double *out)
{
    if (value.isDouble()) {
        *out = value.toDouble();
        return true;
    }
    if (value.isBool()) {
        *out = value.toBool() ? 1.0 : 0.0;
        return true;
    }
    if (value.isString())
        return parseNumber(value.toString(), out);
    return false;
}

QString tableKeyOf(const QJsonValue &content)
{
    const QJsonObject object = content.toObject();
    for (const char *key : {"gridId", "tableName", "table"}) {
        const QString name = stringOf(object.value(QLatin1String(key)));
        if (!name.isEmpty())
            return name;
    }
    return QString();
}

QJsonObject gridHeaderOf(const QJsonObject &geogrid)
{
    return geogrid.value(QLatin1String("properties")).toObject().value(QLatin1String("header")).toObject();
}

QStringList gridTypesOf(const QJsonObject &geogrid)
{
    return geogrid.value(QLatin1String("properties")).toObject().value(QLatin1String("types")).toObject().keys();
}

Snapshot snapshotOf(const QJsonValue &content)
{
    Snapshot snapshot;
    const QJsonObject object = content.toObject();
    if (object.value(QLatin1String("snapshot")).isObject()) {
        snapshot.wrapped = true;
        snapshot.table = object.value(QLatin1String("snapshot")).toObject();
        snapshot.tableName = tableKeyOf(object);
    } else {
        snapshot.table = object;
    }
    if (snapshot.tableName.isEmpty()) {
        snapshot.tableName = stringOf(
            gridHeaderOf(snapshot.table.value(QLatin1String("GEOGRID")).toObject()).value(QLatin1String("tableName")));
    }
    return snapshot;
}

GridUpdate gridUpdateOf(const QJsonValue &content)
{
    GridUpdate update;
    if (content.isArray()) {
        update.cells = content.toArray();
        update.valid = true;
        return update;
    }
    const QJsonObject object = content.toObject();
    for (const char *key : {"geogriddata", "GEOGRIDDATA"}) {
        if (object.value(QLatin1String(key)).isArray()) {
            update.cells = object.value(QLatin1String(key)).toArray();
            update.valid = true;
            update.wrapped = true;
            break;
        }
    }
    update.tableName = tableKeyOf(object);
    return update;
}

QVector<Indicator> indicatorsOf(const QJsonValue &list)
{
    QVector<Indicator> out;
    const QJsonArray array = list.toArray();
    for (const QJsonValue &element : array) {
        const QJsonObject object = element.toObject();
        const QString name = stringOf(object.value(QLatin1String("name")));
        if (name.isEmpty())
            continue;
        Indicator indicator;
        indicator.name = name;
        indicator.raw = object;
        indicator.hasValue = numberOf(object.value(QLatin1String("value")), &indicator.value);
        out.append(indicator);
    }
    return out;
}

QVector<Layer> layersOf(const QJsonValue &list)
{
    QVector<Layer> out;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        if (object.isEmpty())
            continue;
        Layer layer;
        layer.raw = object;
        layer.type = stringOf(object.value(QLatin1String("type")));
        if (layer.type.isEmpty())
            layer.type = QStringLiteral("unknown");
        layer.id = stringOf(object.value(QLatin1String("id")));
        if (layer.id.isEmpty())
            layer.id = layer.type + QLatin1Char('_') + QString::number(i);
        if (object.value(QLatin1String("data")).isArray())
            layer.points = static_cast<int>(object.value(QLatin1String("data")).toArray().size());
        out.append(layer);
    }
    return out;
}

ModuleOutput moduleOutputOf(const QJsonValue &content)
{
    ModuleOutput output;
    const QJsonObject object = content.toObject();
    output.gridId = tableKeyOf(object);
    output.save = object.value(QLatin1String("save")).toBool();
    const QJsonObject data = object.value(QLatin1String("moduleData")).toObject();
    output.numeric = indicatorsOf(data.value(QLatin1String("numeric")));
    // Current modules send `layers`; CityScopeJS before 2024 read `deckgl` plus a separate heatmap.
    output.layers = layersOf(data.contains(QLatin1String("layers")) ? data.value(QLatin1String("layers"))
                                                                    : data.value(QLatin1String("deckgl")));
    const QJsonValue heatmap = data.value(QLatin1String("heatmap"));
    if (heatmap.isObject() || heatmap.isArray()) {
        Layer layer;
        layer.id = QStringLiteral("heatmap");
        layer.type = QStringLiteral("heatmap");
        if (heatmap.isArray())
            layer.points = static_cast<int>(heatmap.toArray().size());
        else if (heatmap.toObject().value(QLatin1String("features")).isArray())
            layer.points = static_cast<int>(heatmap.toObject().value(QLatin1String("features")).toArray().size());
        layer.raw = heatmap.isObject() ? heatmap.toObject() : QJsonObject {{QStringLiteral("data"), heatmap}};
        output.layers.append(layer);
    }
    return output;
}

QVector<Scenario> scenariosOf(const QJsonValue &content)
{
    // An array, or defensively an object holding one.
    const QJsonValue list = content.isArray() ? content : content.toObject().value(QLatin1String("scenarios"));
    QVector<Scenario> out;
    for (const QJsonValue &element : list.toArray()) {
        const QJsonObject object = element.toObject();
        Scenario scenario;
        scenario.name = stringOf(object.value(QLatin1String("name")));
        if (scenario.name.isEmpty())
            continue;
        scenario.description = stringOf(object.value(QLatin1String("description")));
        double inBin = 0;
        scenario.inBin = numberOf(object.value(QLatin1String("isInBin")), &inBin) && inBin != 0;
        scenario.raw = object;
        out.append(scenario);
    }
    return out;
}

QVector<CoreModule> coreModulesOf(const QJsonValue &content)
{
    const QJsonValue list = content.isArray() ? content : content.toObject().value(QLatin1String("modules"));
    QVector<CoreModule> out;
    for (const QJsonValue &element : list.toArray()) {
        const QJsonObject object = element.toObject();
        CoreModule module;
        module.moduleId = stringOf(object.value(QLatin1String("moduleId")));
        if (module.moduleId.isEmpty())
            module.moduleId = stringOf(object.value(QLatin1String("id")));
        module.name = stringOf(object.value(QLatin1String("name")));
        if (module.moduleId.isEmpty())
            module.moduleId = module.name;
        if (module.moduleId.isEmpty())
            continue;
        module.description = stringOf(object.value(QLatin1String("description")));
        module.moduleType = stringOf(object.value(QLatin1String("moduleType")));
        out.append(module);
    }
    return out;
}

QString errorTextOf(const QJsonValue &content)
{
    const QString message = stringOf(content.toObject().value(QLatin1String("message")));
    if (!message.isEmpty())
        return oneLine(message, 200);
    return oneLine(jsonToText(content), 200);
}

QString cellType(const QJsonValue &cell)
{
    return stringOf(cell.toObject().value(QLatin1String("name")));
}

} // namespace fleetscope::cityio
