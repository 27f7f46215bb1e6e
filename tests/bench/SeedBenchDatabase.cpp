// Fills a database for the webhook benchmark with the clients and number mappings of a mappings file,
// the numbers in one transaction: 100,000 `switchboard number add` calls would take far too long.
//
//   SeedBenchDatabase --database PATH --mappings FILE
//
// FILE holds "e164,clientName" lines (webhook_requests.py mappings). Every client gets the secret
// "bench-secret-NAME"; the benchmark never uses it, but ClientStore hashes it (argon2, ~0.1 s each), so
// keep the number of distinct clients modest.

#include "core/phone/PhoneNumber.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QSet>
#include <QTextStream>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "SeedBenchDatabase: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seeds a database for the webhook benchmark."));
    parser.addHelpOption();
    const QCommandLineOption databaseOption(QStringLiteral("database"), QStringLiteral("SQLite file or URL."),
                                            QStringLiteral("PATH"));
    const QCommandLineOption mappingsOption(QStringLiteral("mappings"),
                                            QStringLiteral("e164,clientName lines."), QStringLiteral("FILE"));
    parser.addOptions({ databaseOption, mappingsOption });
    parser.process(app);
    if (!parser.isSet(databaseOption) || !parser.isSet(mappingsOption))
        return fail(QStringLiteral("--database and --mappings are required"));

    QFile file(parser.value(mappingsOption));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(file.fileName() + QStringLiteral(": ") + file.errorString());
    QList<Store::NumberMapping> mappings;
    QStringList clientNames;
    QSet<QString> seenClients;
    QTextStream in(&file);
    for (int lineNumber = 1; !in.atEnd(); ++lineNumber) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QStringList fields = line.split(QLatin1Char(','));
        if (fields.size() != 2)
            return fail(
                QStringLiteral("%1:%2: expected e164,clientName").arg(file.fileName()).arg(lineNumber));
        const auto number = Phone::PhoneNumber::parse(fields[0]);
        if (!number || number->e164() != fields[0])
            return fail(QStringLiteral("%1:%2: %3 is not a valid E.164 number: %4")
                            .arg(file.fileName())
                            .arg(lineNumber)
                            .arg(fields[0], number ? number->e164() : number.error()));
        Store::NumberMapping mapping;
        mapping.e164 = number->e164();
        mapping.clientName = fields[1];
        mapping.label = QStringLiteral("bench");
        mapping.enabled = true;
        mappings.append(mapping);
        if (!seenClients.contains(fields[1])) {
            seenClients.insert(fields[1]);
            clientNames.append(fields[1]);
        }
    }

    const auto location = Store::DatabaseLocation::parse(parser.value(databaseOption));
    if (!location)
        return fail(location.error());
    const auto database = Store::Database::open(*location);
    if (!database)
        return fail(database.error());

    QElapsedTimer timer;
    timer.start();
    Store::ClientStore clients(*database);
    for (const QString &name : std::as_const(clientNames)) {
        if (const auto added = clients.add(name, QByteArrayLiteral("bench-secret-") + name.toUtf8()); !added)
            return fail(QStringLiteral("client %1: %2").arg(name, added.error()));
    }
    const qint64 clientsMs = timer.restart();
    Store::NumberStore numbers(*database);
    const auto added = numbers.addMany(mappings);
    if (!added)
        return fail(QStringLiteral("numbers: ") + added.error());
    std::printf("SeedBenchDatabase: %lld clients in %lld ms, %d numbers in %lld ms\n",
                static_cast<long long>(clientNames.size()), static_cast<long long>(clientsMs), *added,
                static_cast<long long>(timer.elapsed()));
    return 0;
}
