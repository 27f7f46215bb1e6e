#include "app/NumberCommand.h"

#include "app/ExitCode.h"
#include "app/SubcommandParser.h"
#include "core/config/AppSettings.h"
#include "core/phone/PhoneNumber.h"
#include "core/routing/TollFraudGuard.h"
#include "core/store/NumberStore.h"

#include <QSettings>

#include <optional>

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
    return region.trimmed().toUpper();
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
        return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("number"), action, actionsHelp);
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
        parser.addPositionalArgument(QStringLiteral("NUMBER"),
                                     QStringLiteral("e.g. +81-50-3123-4567 or 050-3123-4567"));
        parser.addPositionalArgument(QStringLiteral("CLIENT"), QStringLiteral("an existing client's name"));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        if (parser.positionalArguments().size() != 2)
            return parser.usageError(err, QStringLiteral("expected NUMBER and CLIENT"));
        const QString number = parser.positionalArguments().at(0);
        const auto region = regionOf(parser, err);
        if (!region)
            return ExitCode::usage;
        if (const auto parsed = Phone::PhoneNumber::parse(number, *region); !parsed)
            return parser.usageError(err, parsed.error());
        const auto database = m_context.openDatabase(name);
        if (!database)
            return ExitCode::failure;
        const auto added = Store::NumberStore(database, *region)
                               .add(number, parser.positionalArguments().at(1), parser.value(label));
        if (!added) {
            err << "switchboard " << name << ": " << added.error() << '\n';
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
        if (parser.positionalArguments().size() != 1)
            return parser.usageError(err, QStringLiteral("expected exactly one NUMBER"));
        const auto region = regionOf(parser, err);
        if (!region)
            return ExitCode::usage;
        const auto database = m_context.openDatabase(name);
        if (!database)
            return ExitCode::failure;
        const auto removed
            = Store::NumberStore(database, *region).remove(parser.positionalArguments().constFirst());
        if (!removed) {
            err << "switchboard " << name << ": " << removed.error() << '\n';
            return ExitCode::failure;
        }
        out << "Removed " << parser.positionalArguments().constFirst() << ".\n";
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

    return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("number"), action, actionsHelp);
}
