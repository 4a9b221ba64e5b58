import { Global, Module } from '@nestjs/common';
import { DpiaController } from './dpia.controller';
import { DpiaService } from './dpia.service';

@Global()
@Module({
  controllers: [DpiaController],
  providers: [DpiaService],
  exports: [DpiaService],
})
export class DpiaModule {}
