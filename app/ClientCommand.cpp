#include "app/ClientCommand.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SecretReader.h"
#include "app/SubcommandParser.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"

namespace App {

namespace {

const char actionsHelp[] = "Actions:\n"
                           "  add NAME       add a client; its secret is read from standard input\n"
                           "  remove NAME    remove a client that owns no numbers\n"
                           "  list           list the clients\n";

} // namespace

ClientCommand::ClientCommand(const CommandContext &context)
    : m_context(context)
{ }

int ClientCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    const QString action = arguments.value(1);
    if (action.isEmpty() || SubcommandParser::isHelp(action))
        return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("client"), action,
                                                     QString::fromLatin1(actionsHelp));
    const QStringList actionArguments = arguments.mid(1);

    if (action == QLatin1String("add") || action == QLatin1String("remove")) {
        SubcommandParser parser(
            QStringLiteral("client ") + action, QStringLiteral("NAME"),
            action == QLatin1String("add")
                ? QStringLiteral("Adds a client. Its secret (8 bytes or more) is read from standard "
                                 "input:\nprompted without echo on a terminal, else the first line.")
                : QStringLiteral("Removes a client. Remove its numbers first."));
        parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("letters, digits and _"));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        if (parser.positionalArguments().size() != 1)
            return parser.usageError(err, QStringLiteral("expected exactly one NAME"));
        const QString name = parser.positionalArguments().constFirst();
        const auto database = m_context.openDatabase(QStringLiteral("client ") + action);
        if (!database)
            return ExitCode::failure;
        Store::ClientStore clients(database);
        if (action == QLatin1String("remove")) {
            const auto removed = clients.remove(name);
            if (!removed) {
                err << programName() << " client remove: " << removed.error() << '\n';
                return ExitCode::failure;
            }
            out << "Removed client " << name << ".\n";
            return ExitCode::success;
        }
        if (clients.find(name)) {
            err << programName() << " client add: a client named " << name << " exists already\n";
            return ExitCode::failure;
        }
        const auto secret = SecretReader::read(QStringLiteral("Secret for %1").arg(name));
        if (!secret) {
            err << programName() << " client add: " << secret.error() << '\n';
            return ExitCode::failure;
        }
        const auto added = clients.add(name, *secret);
        if (!added) {
            err << programName() << " client add: " << added.error() << '\n';
            return ExitCode::failure;
        }
        out << "Added client " << name << ".\n";
        return ExitCode::success;
    }

    if (action == QLatin1String("list")) {
        SubcommandParser parser(QStringLiteral("client list"), QString(),
                                QStringLiteral("Lists the clients."));
        if (const int done = parser.parse(actionArguments, out, err); done >= 0)
            return done;
        if (!parser.positionalArguments().isEmpty())
            return parser.usageError(
                err,
                QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
        const auto database = m_context.openDatabase(QStringLiteral("client list"));
        if (!database)
            return ExitCode::failure;
        Store::ClientStore clients(database);
        Store::NumberStore numbers(database);
        for (const auto &client : clients.list()) {
            QStringList owned;
            for (const auto &mapping : numbers.numbersOf(client.name))
                owned << mapping.e164;
            out << client.name << (client.disabled ? "  (disabled)" : "") << "  numbers: "
                << (owned.isEmpty() ? QStringLiteral("none") : owned.join(QStringLiteral(", "))) << '\n';
        }
        return ExitCode::success;
    }

    return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("client"), action,
                                                 QString::fromLatin1(actionsHelp));
}

} // namespace App
