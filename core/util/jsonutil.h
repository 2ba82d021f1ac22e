#pragma once

#include <QJsonValue>
#include <QPair>
#include <QString>
#include <QVector>

namespace fleetscope {

// The design's numeric extraction rule: every numeric leaf at JSON path a.b[2].c becomes a value
// at `<prefix>/a/b/2/c`. Keys are percent-encoded as path segments. Booleans count as 1/0 only
// when `boolsAsNumbers` (protocols say when).
using NumericLeaf = QPair<QString, double>;
void extractNumericLeaves(const QJsonValue &value, const QString &prefix, QVector<NumericLeaf> *out,
    bool boolsAsNumbers = false, int maxDepth = 32);

// JSON value as compact text (strings unquoted), for summaries.
QString jsonToText(const QJsonValue &value);
// One line for an event summary: newlines collapsed, at most `maxChars` characters.
QString oneLine(const QString &text, int maxChars = 120);
// Parses a number the way servers send them in JSON text: "42", "2.5e3", " 7 ".
bool parseNumber(const QString &text, double *value);

} // namespace fleetscope
