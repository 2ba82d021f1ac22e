#pragma once

#include "core/monitor/alertrule.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace fleetscope {

// Where a rules file is wrong: the rule (index into "rules", 0-based; -1 for the file itself), the
// key and why. A file with a mistake is refused whole.
struct RuleError
{
    int index = -1;
    QString key;
    QString why;

    // One line for people: `rules[2] "battery low", key "clear": must be at least "below" (20)`.
    QString message() const;
};

// The rules file (docs/architecture.md#devices-presence-and-alerts-coremonitor): {"version": 1, "rules": [...]}, written by
// hand or by the desktop's rule editor. Reading checks everything: unknown keys, exactly one
// condition per rule, thresholds and `clear` on the right side, durations, globs, unique names.
// Pure functions; any thread.
namespace RulesFile {

constexpr int kVersion = 1;
constexpr qint64 kMaxFileBytes = 8 * 1024 * 1024;
constexpr int kMaxRules = 100000;

// Reads and checks the file at `path`. False with *error set (index -1 when the file cannot be
// read or is not a rules file).
bool load(const QString &path, RuleSet *rules, RuleError *error);
bool parse(const QByteArray &json, RuleSet *rules, RuleError *error);
// One rule, as the editor checks it while the user types; `index` goes into the error.
bool parseRule(const QJsonObject &object, int index, AlertRule *rule, RuleError *error);

QByteArray serialize(const RuleSet &rules);
// Writes atomically, readable by the user alone (0600). False with *error set.
bool save(const QString &path, const RuleSet &rules, QString *error);

} // namespace RulesFile

} // namespace fleetscope
