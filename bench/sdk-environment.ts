/** Imported first by run.ts: silences the SDK's Node 20 support notice before any SDK module loads (see STACK-NOTES). */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
