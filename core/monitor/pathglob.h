#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVector>

namespace fleetscope {

// A rule's `path` or `endpoint` pattern (docs/architecture.md#devices-presence-and-alerts-coremonitor): `*` matches within one
// segment (also as part of one: "pump-*"), `**` matches any number of whole segments, anything else
// is literal. Paths are the uniform model's '/'-joined, percent-encoded segments; an endpoint name
// is matched as one segment. Plain value; any thread.
class PathGlob
{
public:
    PathGlob() = default;

    // False with *why set when `pattern` cannot be a glob (empty, an empty segment, `**` inside a
    // segment).
    static bool compile(const QString &pattern, PathGlob *glob, QString *why);
    // A glob matching one name as a whole ('/' has no meaning in it): for endpoint names.
    static PathGlob forName(const QString &pattern);
    // Matches every path ("**").
    static PathGlob any();

    bool matches(QStringView path) const;
    QString pattern() const { return m_pattern; }
    // The segments before the first wildcard: every path the glob matches starts with them.
    QStringList literalPrefix() const;
    bool isLiteral() const;
    bool matchesEverything() const { return m_segments.size() == 1 && m_segments[0].kind == Kind::AnyDepth; }

    // Matches `text` against one segment pattern where `*` stands for any run of characters.
    static bool wildcardMatch(QStringView pattern, QStringView text);

private:
    enum class Kind { Literal, Wildcard, AnyDepth };
    struct Segment
    {
        Kind kind = Kind::Literal;
        QString text;
    };

    bool segmentMatches(const Segment &segment, QStringView text) const;

    QString m_pattern;
    QVector<Segment> m_segments;
    bool m_wholeName = false;
};

} // namespace fleetscope
