#include "core/store/eventquery.h"

#include <QStringList>

namespace fleetscope {

namespace {
// LIKE treats % and _ as wildcards: escape them so that a search for "50%" finds "50%".
QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}
} // namespace

QString EventQuery::sql(QVariantList *bindings) const
{
    QStringList where;
    if (since > 0) {
        where << QStringLiteral("t >= ?");
        bindings->append(since);
    }
    if (until > 0) {
        where << QStringLiteral("t <= ?");
        bindings->append(until);
    }
    if (!endpoint.isEmpty()) {
        where << QStringLiteral("endpoint = ?");
        bindings->append(endpoint);
    }
    if (minSeverity != Severity::Debug) {
        where << QStringLiteral("severity >= ?");
        bindings->append(static_cast<int>(minSeverity));
    }
    if (!text.isEmpty()) {
        where << QStringLiteral(
            "(summary LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(text);
        *bindings << pattern << pattern << pattern;
    }
    QString sql = QStringLiteral("SELECT t, severity, endpoint, path, summary, payload FROM events");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "));
    // Newest first so that LIMIT keeps the newest; the caller puts them back in time order.
    sql += QStringLiteral(" ORDER BY t DESC, id DESC");
    if (limit > 0) {
        sql += QStringLiteral(" LIMIT ?");
        bindings->append(limit);
    }
    return sql;
}

} // namespace fleetscope
