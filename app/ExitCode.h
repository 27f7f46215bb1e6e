#pragma once

// Process exit codes of the command line, as shell users expect them.

namespace App::ExitCode {
constexpr int success = 0;
constexpr int failure = 1; // the command was understood but could not be carried out
constexpr int usage = 2; // the command line itself is wrong
} // namespace App::ExitCode
