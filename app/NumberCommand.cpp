#include "app/NumberCommand.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/config/AppSettings.h"
#include "core/phone/PhoneNumber.h"
#include "core/phone/RegionCode.h"
#include "core/routing/TollFraudGuard.h"
#include "core/store/NumberStore.h"

#include <QSettings>

#include <optional>

namespace App {

namespace {

const char actionsHelp[] = "Actions:\n"
                           "  add NUMBER CLIENT [--label TEXT]   map a Twilio number to a client\n"
                           "  remove NUMBER                      remove a number's mapping\n"
                           "  list                               list the mappings\n";

// --region, or else the region saved on the desktop app's Settings page: a number typed without +CC means
// the same number here as in the app.
QCommandLineOption regionOption()
{
    return QCommandLineOption(
        QStringLiteral("region"),
        QStringLiteral("Region for numbers without +CC (default: the app's setting, else %1).")
            .arg(Phone::defaultRegion()),
        QStringLiteral("CC"));
}

std::optional<QString> regionOf(const SubcommandParser &parser, QTextStream &err)
{
    if (!parser.isSet(regionOption()))
        return Config::AppSettings::load(QSettings()).region;
    const QString region = parser.value(regionOption());
    if (const QString problem = Routing::TollFraudGuard::regionProblem(region); !problem.isEmpty()) {
        parser.usageError(err, QStringLiteral("--region: ") + problem);
        return std::nullopt;
    }
    return Phone::RegionCode::normalized(region);
}

struct NumberAndClient
{
    QString number;
    QString client;
};

// NUMBER and CLIENT from the words after `number add`. A number typed without quotes arrives as several
// words (+81 50-3123-4567): all words but the last are the number when they read as one. When the words
// could be read two ways, or lack the client, the error says what to write; nothing is guessed.
Result<NumberAndClient> numberAndClient(const QStringList &words, const QString &region)
{
    if (words.size() < 2)
        return Failure(QStringLiteral("expected NUMBER and CLIENT"));
    const QString whole = words.join(u' ');
    const auto wholeNumber = Phone::PhoneNumber::parse(whole, region);
    const QString number = words.mid(0, words.size() - 1).join(u' ');
    const auto parsed = Phone::PhoneNumber::parse(number, region);
    if (parsed && wholeNumber)
        return Failure(
            QStringLiteral("\"%1\" could be the number %2 for client %3, or the number %4 with no client: "
                           "put the number in quotes, then the client")
                .arg(whole, parsed->e164(), words.constLast(), wholeNumber->e164()));
    if (wholeNumber)
        return Failure(
            QStringLiteral("expected NUMBER and CLIENT: \"%1\" is one number; name the client after it")
                .arg(whole));
    if (!parsed)
        return Failure(words.size() > 2 ? parsed.error()
                               + QStringLiteral(" (a number of several words needs quotes, then the "
                                                "client: \"+81 50-3123-4567\" CLIENT)")
                                        : parsed.error());
    return NumberAndClient { number, words.constLast() };
}

} // namespace

NumberCommand::NumberCommand(const CommandContext &context)
    : m_context(context)
{ }

int NumberCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    const QString action = arguments.value(1);
    if (action.isEmpty() || SubcommandParser::isHelp(action))
        return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("number"), action,
                                                     QString::fromLatin1(actionsHelp));
    const QStringList actionArguments = arguments.mid(1);
    const QString name = QStringLiteral("number ") + action;

    if (action == QLatin1String("add")) {
        SubcommandParser parser(
            name, QStringLiteral("NUMBER CLIENT"),
            QStringLiteral(
                "Maps a Twilio number to the client it rings. The number may be written "
                "in any usual form;\nwithout +CC it is read as a number of the region (--region)."));
        const QCommandLineOption label(
            QStringLiteral("label"), QStringLiteral("A note shown with the number."), QStringLiteral("TEXT"));
        parser.addOptions({ label, regionOption() });
        parser.addPositionalArgument(
            QStringLiteral("NUMBER"),
            QStringLiteral("e.g. +81-50-3123-4567, 050-3123-4567 or \"+81 50-3123-4567\" (unquoted\n"
                           "words work too when they read as one number)"));
        parser.addPositionalArgument(QStringLiteral("CLIENT"), QStringLiteral("an existing client's name"));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        const auto region = regionOf(parser, err);
        if (!region)
            return ExitCode::usage;
        const auto words = numberAndClient(parser.positionalArguments(), *region);
        if (!words)
            return parser.usageError(err, words.error());
        const auto database = m_context.openDatabase(name);
        if (!database)
            return ExitCode::failure;
        const auto added
            = Store::NumberStore(database, *region).add(words->number, words->client, parser.value(label));
        if (!added) {
            err << programName() << " " << name << ": " << added.error() << '\n';
            return ExitCode::failure;
        }
        out << added->e164 << " now rings client " << added->clientName << ".\n";
        return ExitCode::success;
    }

    if (action == QLatin1String("remove")) {
        SubcommandParser parser(name, QStringLiteral("NUMBER"),
                                QStringLiteral("Removes a number's mapping."));
        parser.addOption(regionOption());
        parser.addPositionalArgument(QStringLiteral("NUMBER"),
                                     QStringLiteral("the mapped number, in any usual form"));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        if (parser.positionalArguments().isEmpty())
            return parser.usageError(err, QStringLiteral("expected a NUMBER"));
        // The words of a number typed without quotes: remove takes nothing else.
        const QString number = parser.positionalArguments().join(u' ');
        const auto region = regionOf(parser, err);
        if (!region)
            return ExitCode::usage;
        const auto database = m_context.openDatabase(name);
        if (!database)
            return ExitCode::failure;
        const auto removed = Store::NumberStore(database, *region).remove(number);
        if (!removed) {
            err << programName() << " " << name << ": " << removed.error() << '\n';
            return ExitCode::failure;
        }
        out << "Removed " << number << ".\n";
        return ExitCode::success;
    }

    if (action == QLatin1String("list")) {
        SubcommandParser parser(name, QString(),
                                QStringLiteral("Lists the numbers and the clients they ring."));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        if (!parser.positionalArguments().isEmpty())
            return parser.usageError(
                err,
                QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
        const auto database = m_context.openDatabase(name);
        if (!database)
            return ExitCode::failure;
        for (const auto &mapping : Store::NumberStore(database).list()) {
            out << mapping.e164 << "  -> " << mapping.clientName;
            if (!mapping.enabled)
                out << "  (disabled)";
            if (!mapping.label.isEmpty())
                out << "  " << mapping.label;
            out << '\n';
        }
        return ExitCode::success;
    }

    return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("number"), action,
                                                 QString::fromLatin1(actionsHelp));
}

} // namespace App
