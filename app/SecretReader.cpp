#include "app/SecretReader.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace App {

namespace {

QByteArray readLine(QFile &input)
{
    QByteArray line = input.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

// Turns terminal echo off for as long as it lives.
class EchoOff
{
public:
    EchoOff()
    {
        m_active = tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }

private:
    termios m_saved {};
    bool m_active = false;
};

} // namespace

Result<QByteArray> SecretReader::read(const QString &prompt)
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return Failure(QStringLiteral("cannot read standard input"));
    if (!isatty(STDIN_FILENO)) {
        QByteArray secret = readLine(input);
        if (secret.isEmpty())
            return Failure(QStringLiteral("no secret on standard input"));
        return secret;
    }
    QByteArray first;
    QByteArray second;
    {
        EchoOff echoOff;
        fprintf(stderr, "%s: ", qPrintable(prompt));
        fflush(stderr);
        first = readLine(input);
        fprintf(stderr, "\nRepeat it: ");
        fflush(stderr);
        second = readLine(input);
        fprintf(stderr, "\n");
    }
    if (first != second)
        return Failure(QStringLiteral("the two secrets differ"));
    if (first.isEmpty())
        return Failure(QStringLiteral("the secret is empty"));
    return first;
}

} // namespace App
