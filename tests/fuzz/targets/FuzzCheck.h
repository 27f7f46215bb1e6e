#pragma once

// A failed property in a fuzz target: says what broke, then aborts so libFuzzer saves the input as a crash.

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace Fuzz {

[[noreturn]] inline void fail(const QString &what)
{
    std::fprintf(stderr, "fuzz property violated: %s\n", what.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

inline void check(bool holds, const char *what)
{
    if (!holds)
        fail(QString::fromUtf8(what));
}

// Non-ASCII and control characters escaped, so a mismatch shows in a terminal what differs.
inline QString printable(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'\\')
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}

inline QString printable(const QByteArray &bytes)
{
    return printable(QString::fromLatin1(bytes));
}

} // namespace Fuzz
