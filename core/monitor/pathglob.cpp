#include "core/monitor/pathglob.h"

#include <QVarLengthArray>

namespace fleetscope {

bool PathGlob::compile(const QString &pattern, PathGlob *glob, QString *why)
{
    if (pattern.isEmpty()) {
        *why = QStringLiteral("must not be empty");
        return false;
    }
    PathGlob out;
    out.m_pattern = pattern;
    const QStringList parts = pattern.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty()) {
            *why = QStringLiteral("\"%1\" has an empty segment (a leading, trailing or doubled '/')").arg(pattern);
            return false;
        }
        Segment segment;
        segment.text = part;
        if (part == QLatin1String("**")) {
            segment.kind = Kind::AnyDepth;
        } else if (part.contains(QLatin1String("**"))) {
            *why = QStringLiteral("\"%1\": '**' must be a whole segment (use '*' within a segment)").arg(pattern);
            return false;
        } else if (part.contains(QLatin1Char('*'))) {
            segment.kind = Kind::Wildcard;
        }
        out.m_segments.append(segment);
    }
    *glob = out;
    return true;
}

PathGlob PathGlob::forName(const QString &pattern)
{
    PathGlob glob;
    glob.m_pattern = pattern;
    glob.m_wholeName = true;
    Segment segment;
    segment.text = pattern;
    segment.kind = pattern.contains(QLatin1Char('*')) ? Kind::Wildcard : Kind::Literal;
    glob.m_segments.append(segment);
    return glob;
}

PathGlob PathGlob::any()
{
    PathGlob glob;
    glob.m_pattern = QStringLiteral("**");
    glob.m_segments.append(Segment {Kind::AnyDepth, glob.m_pattern});
    return glob;
}

bool PathGlob::wildcardMatch(QStringView pattern, QStringView text)
{
    // Greedy match with backtracking to the last '*': linear for patterns with one star, at worst
    // pattern × text.
    qsizetype p = 0, t = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

bool PathGlob::segmentMatches(const Segment &segment, QStringView text) const
{
    switch (segment.kind) {
    case Kind::Literal:
        return text == segment.text;
    case Kind::Wildcard:
        return wildcardMatch(segment.text, text);
    case Kind::AnyDepth:
        return true;
    }
    return false;
}

bool PathGlob::matches(QStringView path) const
{
    if (m_segments.isEmpty())
        return false;
    if (m_wholeName)
        return segmentMatches(m_segments.first(), path);
    QVarLengthArray<QStringView, 16> parts;
    if (!path.isEmpty()) {
        qsizetype start = 0;
        for (qsizetype i = 0; i <= path.size(); ++i) {
            if (i == path.size() || path[i] == QLatin1Char('/')) {
                parts.append(path.mid(start, i - start));
                start = i + 1;
            }
        }
    }
    // The same greedy algorithm as wildcardMatch, over segments: `**` is the star, a segment
    // pattern is the character.
    const auto count = m_segments.size();
    qsizetype g = 0, s = 0, starG = -1, starS = 0;
    while (s < parts.size()) {
        if (g < count && m_segments[g].kind == Kind::AnyDepth) {
            starG = g++;
            starS = s;
        } else if (g < count && segmentMatches(m_segments[g], parts[s])) {
            ++g;
            ++s;
        } else if (starG >= 0) {
            g = starG + 1;
            s = ++starS;
        } else {
            return false;
        }
    }
    while (g < count && m_segments[g].kind == Kind::AnyDepth)
        ++g;
    return g == count;
}

QStringList PathGlob::literalPrefix() const
{
    QStringList prefix;
    if (m_wholeName)
        return prefix;
    for (const Segment &segment : m_segments) {
        if (segment.kind != Kind::Literal)
            break;
        prefix << segment.text;
    }
    return prefix;
}

bool PathGlob::isLiteral() const
{
    for (const Segment &segment : m_segments) {
        if (segment.kind != Kind::Literal)
            return false;
    }
    return !m_segments.isEmpty();
}

} // namespace fleetscope
