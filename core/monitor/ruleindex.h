#pragma once

#include "core/monitor/alertrule.h"

#include <QHash>
#include <QStringView>
#include <QVarLengthArray>
#include <QVector>

namespace fleetscope {

// Finds the rules whose path glob matches a path without trying every rule: rules are filed under
// their glob's literal prefix ("site-a/pumps/*/flow" under site-a → pumps) in a tree of segments,
// so a path visits only the rules filed along its own prefix — none at all for a path outside
// every rule's prefix, whatever the number of rules. The monitor asks once per new path and
// caches the answer, so a sample costs one hash lookup.
//
// Plain value, built once per rule set and endpoint; const methods from any thread.
class RuleIndex
{
public:
    // Files `ruleIds` (indexes into `rules`) by their path globs.
    void build(const RuleSet &rules, const QVector<int> &ruleIds);
    // The ids of the rules whose glob matches `path`, in rule order.
    void match(const RuleSet &rules, QStringView path, QVarLengthArray<int, 4> *out) const;
    bool isEmpty() const { return m_size == 0; }
    int size() const { return m_size; }

private:
    struct Node
    {
        QHash<QString, int> children; // segment -> index in m_nodes
        QVector<int> rules;
    };
    QVector<Node> m_nodes; // [0] is the root
    int m_size = 0;
};

} // namespace fleetscope
