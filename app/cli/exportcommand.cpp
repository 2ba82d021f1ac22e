#include "app/cli/exportcommand.h"

#include "app/cli/exitcode.h"

#include "app/cli/jsonlineswriter.h"
#include "core/recording/recordingexport.h"
#include "core/recording/recordingreader.h"
#include "core/util/secretmasker.h"

#include <QCommandLineParser>

#include <iostream>

namespace fleetscope::cli {

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringLiteral("help"));
    parser.addOption(help);
    if (!parser.parse(arguments) || parser.positionalArguments().size() != 2) {
        std::cerr << "fleetscope-cli: usage: fleetscope-cli export-recording FILE\n";
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        std::cout << "Usage: fleetscope-cli export-recording FILE\n"
                     "Writes the recording as JSON Lines: {\"kind\":\"recording\",...} then one\n"
                     "{\"kind\":\"frame\",\"t\",\"endpoint\",\"protocol\",\"direction\":\"in|out\",\"text\"|\"binary\"("
                     "base64)}\n"
                     "per frame. Exit codes: 0 done; 2 usage; 5 the file is not a readable recording.\n";
        return ExitDone;
    }
    RecordingReader reader;
    if (!reader.open(parser.positionalArguments().at(1))) {
        std::cerr << "fleetscope-cli: " << reader.error().toStdString() << '\n';
        return ExitFileUnreadable;
    }
    // Recordings are masked when written; the patterns run again so that any file exports clean.
    const SecretMasker masker;
    JsonLinesWriter out;
    out.object(RecordingExport::header(reader.info(), &masker));
    RecordingFrame frame;
    while (reader.next(&frame))
        out.object(RecordingExport::frame(frame, reader.info(), &masker));
    out.flush();
    if (!reader.error().isEmpty()) {
        std::cerr << "fleetscope-cli: " << reader.error().toStdString() << '\n';
        return ExitFileUnreadable;
    }
    return ExitDone;
}

} // namespace fleetscope::cli
