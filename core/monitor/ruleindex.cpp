#include "core/monitor/ruleindex.h"

#include <algorithm>

namespace fleetscope {

void RuleIndex::build(const RuleSet &rules, const QVector<int> &ruleIds)
{
    m_nodes = {Node()};
    m_size = 0;
    for (const int id : ruleIds) {
        int node = 0;
        for (const QString &segment : rules[id].path.literalPrefix()) {
            const auto child = m_nodes[node].children.constFind(segment);
            if (child != m_nodes[node].children.constEnd()) {
                node = *child;
                continue;
            }
            const int created = static_cast<int>(m_nodes.size());
            m_nodes.append(Node());
            m_nodes[node].children.insert(segment, created);
            node = created;
        }
        m_nodes[node].rules.append(id);
        ++m_size;
    }
}

void RuleIndex::match(const RuleSet &rules, QStringView path, QVarLengthArray<int, 4> *out) const
{
    out->clear();
    if (m_size == 0)
        return;
    int node = 0;
    qsizetype start = 0;
    while (true) {
        const Node &here = m_nodes[node];
        for (const int id : here.rules) {
            if (rules[id].path.matches(path))
                out->append(id);
        }
        if (here.children.isEmpty() || start > path.size())
            break;
        qsizetype end = path.indexOf(QLatin1Char('/'), start);
        if (end < 0)
            end = path.size();
        const auto child = here.children.constFind(path.mid(start, end - start).toString());
        if (child == here.children.constEnd())
            break;
        node = *child;
        start = end + 1;
    }
    std::sort(out->begin(), out->end());
}

} // namespace fleetscope
