#include "core/workspace/payloadcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QVector>

namespace fleetscope {

namespace {
// The payload with each ${...} replaced by 0 (or left as is inside a string, where any text is
// valid), and for each character of the result the offset it came from.
QString substitute(const QString &payload, QVector<int> *origin)
{
    QString out;
    out.reserve(payload.size());
    origin->reserve(payload.size() + 1);
    bool inString = false;
    bool escaped = false;
    for (int i = 0; i < payload.size(); ++i) {
        const QChar c = payload.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
        } else if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('$') && i + 1 < payload.size() && payload.at(i + 1) == QLatin1Char('{')) {
            const int close = static_cast<int>(payload.indexOf(QLatin1Char('}'), i + 2));
            if (close > 0) {
                out += QLatin1Char('0');
                origin->append(i);
                i = close;
                continue;
            }
        }
        out += c;
        origin->append(i);
    }
    origin->append(static_cast<int>(payload.size()));
    return out;
}

void locate(const QString &text, int position, PayloadProblem *problem)
{
    problem->position = position;
    problem->line = 1;
    int lineStart = 0;
    for (int i = 0; i < position && i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++problem->line;
            lineStart = i + 1;
        }
    }
    problem->column = position - lineStart + 1;
}
} // namespace

bool opensLikeJson(const QString &payload)
{
    for (const QChar c : payload) {
        if (!c.isSpace())
            return c == QLatin1Char('{') || c == QLatin1Char('[');
    }
    return false;
}

QString prettyPayload(const QString &payload, int indent)
{
    if (!opensLikeJson(payload))
        return payload; // plain text keeps every character, spaces included
    QString out;
    int level = 0;
    const auto n = static_cast<int>(payload.size());
    auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(level * indent, QLatin1Char(' '));
    };
    for (int i = 0; i < n; ++i) {
        const QChar c = payload.at(i);
        if (c == QLatin1Char('"')) {
            // A string, copied as it is up to its closing quote.
            int end = i + 1;
            while (end < n && payload.at(end) != QLatin1Char('"'))
                end += payload.at(end) == QLatin1Char('\\') ? 2 : 1;
            out += payload.mid(i, end - i + 1);
            i = end;
        } else if (c == QLatin1Char('$') && i + 1 < n && payload.at(i + 1) == QLatin1Char('{')) {
            const int close = static_cast<int>(payload.indexOf(QLatin1Char('}'), i + 2));
            const int end = close < 0 ? n - 1 : close;
            out += payload.mid(i, end - i + 1);
            i = end;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            const QChar closing = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            int next = i + 1;
            while (next < n && payload.at(next).isSpace())
                ++next;
            out += c;
            if (next < n && payload.at(next) == closing) {
                out += closing; // an empty container stays on one line
                i = next;
            } else {
                ++level;
                newline();
            }
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            level = std::max(0, level - 1);
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QStringLiteral(": ");
        } else if (!c.isSpace()) {
            out += c;
        }
    }
    return out;
}

PayloadProblem checkPayload(const QString &payload, PayloadSyntax syntax)
{
    PayloadProblem problem;
    if (payload.trimmed().isEmpty()) {
        problem.ok = false;
        problem.message = QObject::tr("the payload is empty");
        locate(payload, 0, &problem);
        return problem;
    }
    if (syntax == PayloadSyntax::TextOrJson && !opensLikeJson(payload))
        return problem; // plain text, sent as it is
    QVector<int> origin;
    const QString substituted = substitute(payload, &origin);
    const QString trimmed = substituted.trimmed();
    // QJsonDocument takes only objects and arrays: a scalar is checked as the only element of one.
    const bool container = trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['));
    const QByteArray utf8 = substituted.toUtf8();
    const QByteArray input = container ? utf8 : QByteArray(QByteArray("[") + utf8 + QByteArray("]"));
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
    if (error.error == QJsonParseError::NoError && (container || doc.array().size() == 1))
        return problem;
    problem.ok = false;
    int byteOffset = static_cast<int>(utf8.size());
    if (error.error != QJsonParseError::NoError) {
        // Qt reports most structural errors just past the token that broke the structure; point
        // at that token instead (an error at the very end stays at the end).
        byteOffset = error.offset;
        const bool pastToken = error.error == QJsonParseError::UnterminatedObject
            || error.error == QJsonParseError::MissingValueSeparator
            || error.error == QJsonParseError::MissingNameSeparator || error.error == QJsonParseError::IllegalValue;
        if ((pastToken && byteOffset < input.size()) || error.error == QJsonParseError::MissingObject)
            byteOffset -= 1;
        if (!container)
            byteOffset -= 1;
    }
    byteOffset = std::clamp(byteOffset, 0, static_cast<int>(utf8.size()));
    const int charOffset = static_cast<int>(QString::fromUtf8(utf8.left(byteOffset)).size());
    const int position = origin.at(std::clamp(charOffset, 0, static_cast<int>(origin.size()) - 1));
    problem.message =
        error.error == QJsonParseError::NoError ? QObject::tr("more than one JSON value") : error.errorString();
    locate(payload, position, &problem);
    return problem;
}

} // namespace fleetscope
