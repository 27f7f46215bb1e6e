#pragma once

// A file of VARIABLE=value lines as systemd reads it (EnvironmentFile=, systemd.exec(5)): the secret store of
// a server that runs as a service, such as switchboard-server's /etc/switchboard/switchboard-server.env.
// Changing a variable rewrites its line where it stands (or adds one), keeps every other line and comment
// as it was, and writes the file whole or not at all, readable by its owner alone.

#include "core/common/Result.h"

#include <QString>

namespace Config {

class EnvironmentFile
{
public:
    explicit EnvironmentFile(QString path);

    // Empty when the file exists and can be read and written, else why not.
    QString problem() const;
    // The variable's value as the file has it; empty when it is not there.
    QString value(const QString &name) const;
    // VARIABLE=value; value must be printable, without quotes, backslashes or spaces (SIDs and secrets).
    Result<void> set(const QString &name, const QString &value);
    // Empties the variable (VARIABLE=) when it holds value; leaves it alone otherwise.
    Result<void> clearIf(const QString &name, const QString &value);

private:
    Result<void> change(const QString &name, const QString &value, const QString *onlyIf);

    QString m_path;
};

} // namespace Config
