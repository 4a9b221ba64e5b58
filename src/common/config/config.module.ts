import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './app-config';

/** Hands the already-validated configuration to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
