#pragma once

// `switchboard token`: prints an access token (or the seed's capability token) for one client,
// built from the TWILIO_* environment variables.

#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

class TokenCommand
{
public:
    TokenCommand(QTextStream &out, QTextStream &err);

    // arguments start with "token"; returns the process exit code.
    int run(const QStringList &arguments, const QProcessEnvironment &environment);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};
