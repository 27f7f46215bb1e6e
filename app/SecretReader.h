#pragma once

// Reads a secret from standard input: prompted without echo on a terminal, else the first line of a pipe.

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace App {

class SecretReader
{
public:
    static Result<QByteArray> read(const QString &prompt);
};

} // namespace App
